namespace SmokeTests; internal static class Placeholder { }
