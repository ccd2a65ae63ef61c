using CreditRobot.Data;
using CsCheck;

namespace CreditRobot.Tests.Properties;

/// <summary>Issue 23: DATABASE_URL and ConnectionStrings__Default give a connection string or the app's FormatException (exit 2),
/// and that error never contains the password.</summary>
public sealed class DatabaseUrlProperties
{
    private static readonly Gen<string> Fragment = Gen.OneOf(Gen.String[0, 12],
        Gen.OneOf("postgres://", "postgresql://", "db", "[::1]", ":5432", ":99999", "/", "/app", "?", "sslmode=", "require", "VerifyFull",
            "&", "=", "%00", "%zz", "%2F", "@", ":", ";", "Host=", "Port=", "Password=", "Timeout=", "x"));

    private static readonly Gen<string> Junk = Fragment.Array[0, 8].Select(parts => string.Concat(parts));

    /// <summary>Long enough that it cannot be a fragment of the app's own wording by chance.</summary>
    private static readonly Gen<string> Password = Gen.Char["ABCDEFGHJKMNPQRSTUVWXYZ23456789-_.~!$&'()*+,;="].Array[10, 20].Select(chars => new string(chars));

    [Fact]
    public void Any_value_gives_a_connection_string_or_the_format_error()
    {
        Gen.Select(Gen.OneOf("DATABASE_URL", "ConnectionStrings__Default"), Junk).Sample((variable, value) =>
        {
            try { DatabaseUrl.ConnectionString(new Dictionary<string, string> { [variable] = value }); }
            catch (FormatException e) { e.Message.Should().StartWith(variable + ": ").And.Contain("(expected"); }
        }, iter: 1000);
    }

    [Fact]
    public void The_error_about_a_url_never_repeats_its_password()
    {
        Gen.Select(Password, Junk, Junk).Sample((password, host, rest) =>
        {
            foreach (var (variable, value) in new[]
                     {
                         ("DATABASE_URL", $"postgres://app:{Uri.EscapeDataString(password)}@{host}{rest}"),
                         ("DATABASE_URL", $"postgres://app:{password}@{host}{rest}"),
                         ("ConnectionStrings__Default", $"{host};Password={password};{rest}"),
                         ("ConnectionStrings__Default", $"postgres://app:{password}@{host}{rest}"),
                     })
            {
                try { DatabaseUrl.ConnectionString(new Dictionary<string, string> { [variable] = value }); }
                catch (FormatException e) { e.Message.Should().NotContain(password, $"{variable} holds the password"); }
            }
        }, iter: 500);
    }
}
