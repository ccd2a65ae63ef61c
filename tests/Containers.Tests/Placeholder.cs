namespace Containers.Tests; internal static class Placeholder { }
