namespace Containers; internal static class Placeholder { }
