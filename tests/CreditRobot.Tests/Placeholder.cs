namespace CreditRobot.Tests; internal static class Placeholder { }
