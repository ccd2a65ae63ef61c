namespace Publishing; internal static class Placeholder { }
