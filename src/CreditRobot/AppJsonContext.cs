using System.Text.Json;
using System.Text.Json.Serialization;
using CreditRobot.Applications;
using CreditRobot.Health;
using CreditRobot.Quotes;

namespace CreditRobot;

/// <summary>Source-generated JSON for every type the app reads or writes: no reflection, trim-safe.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(Quote))]
[JsonSerializable(typeof(LoanApplication))]
[JsonSerializable(typeof(IReadOnlyList<LoanApplication>))]
[JsonSerializable(typeof(ApplicationRequest))]
[JsonSerializable(typeof(ProbeStatus))]
public sealed partial class AppJsonContext : JsonSerializerContext;
