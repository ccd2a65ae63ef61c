using System.Reflection;
using System.Runtime.Loader;
using DotNet.Testcontainers.Configurations;

namespace Containers;

/// <summary>
/// The Engine API version Testcontainers asks for by default. Testcontainers fixes it (from
/// <c>DOCKER_API_VERSION</c> or its built-in default) the first time its configuration type is touched, so asking
/// it in this process would freeze the answer before we could set the variable; a throwaway load context asks a
/// second copy of the assembly instead, through its public API.
/// </summary>
internal static class LibraryDefaults
{
    public static Version ApiVersion(Uri endpoint)
    {
        var context = new AssemblyLoadContext("testcontainers-defaults", isCollectible: true);
        try
        {
            var assembly = context.LoadFromAssemblyPath(typeof(DockerEndpointAuthenticationConfiguration).Assembly.Location);
            var type = assembly.GetType(typeof(DockerEndpointAuthenticationConfiguration).FullName!, throwOnError: true)!;
            var configuration = Activator.CreateInstance(type, BindingFlags.Public | BindingFlags.Instance, null, [endpoint, null], null);
            return (Version)type.GetProperty(nameof(DockerEndpointAuthenticationConfiguration.Version))!.GetValue(configuration)!;
        }
        finally
        {
            context.Unload();
        }
    }
}
