using Docker.DotNet.Models;
using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Configurations;
using DotNet.Testcontainers.Containers;

namespace Containers;

/// <summary>The two habits every test resource follows, in Testcontainers' fluent shape.</summary>
public static class BuilderExtensions
{
    /// <summary>
    /// Labels the resource with the project and this test session, so a later run removes it if this process
    /// dies before disposing it (see <see cref="SessionSweep"/>).
    /// </summary>
    public static TBuilder WithSessionLabels<TBuilder, TResource, TCreate, TConfiguration>(
        this AbstractBuilder<TBuilder, TResource, TCreate, TConfiguration> builder)
        where TBuilder : AbstractBuilder<TBuilder, TResource, TCreate, TConfiguration>
        where TConfiguration : IResourceConfiguration<TCreate> =>
        builder.WithLabel(Session.Labels);

    /// <summary>
    /// Session labels, and every published port bound on 127.0.0.1 only (Testcontainers binds all interfaces):
    /// tests talk to containers through loopback and nothing else can reach them.
    /// </summary>
    public static TBuilder ForTest<TBuilder, TContainer, TConfiguration>(this ContainerBuilder<TBuilder, TContainer, TConfiguration> builder)
        where TBuilder : ContainerBuilder<TBuilder, TContainer, TConfiguration>
        where TContainer : IContainer
        where TConfiguration : IContainerConfiguration =>
        builder.WithLabel(Session.Labels).WithCreateParameterModifier(BindToLoopback);

    private static void BindToLoopback(CreateContainerParameters parameters)
    {
        foreach (var bindings in parameters.HostConfig?.PortBindings?.Values ?? [])
            foreach (var binding in bindings)
                binding.HostIP = "127.0.0.1";
    }
}
