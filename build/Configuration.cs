/// <summary>The build configuration passed to dotnet (<c>--configuration</c>).</summary>
internal enum Configuration
{
    Debug,
    Release,
}
