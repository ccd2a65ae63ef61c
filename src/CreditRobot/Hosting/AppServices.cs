using System.Text.Json.Serialization;
using CreditRobot.Data;
using CreditRobot.Health;
using Microsoft.AspNetCore.Http.Features;
using ServerConfig;

namespace CreditRobot.Hosting;

/// <summary>The app's services: database, migrations, source-generated JSON, problem details.</summary>
public static class AppServices
{
    public static IServiceCollection AddCreditRobot(this IServiceCollection services, ServerSettings settings, string? connectionString)
    {
        services.AddSingleton(settings);
        services.AddSingleton(Database.Create(connectionString));
        services.AddSingleton<Migrator>().AddSingleton<ApplicationStore>();
        services.AddSingleton<SchemaMigrationService>().AddHostedService(s => s.GetRequiredService<SchemaMigrationService>());
        services.AddProbes();
        services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.TypeInfoResolverChain.Insert(0, AppJsonContext.Default);
            json.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        });
        services.Configure<FormOptions>(RequestBodies.LimitForms);
        services.AddProblemDetails();
        services.AddExceptionHandler<BadRequestHandler>();
        services.AddExceptionHandler<DatabaseFailureHandler>(); // anything else: 500, logged with its stack trace
        return services;
    }
}
