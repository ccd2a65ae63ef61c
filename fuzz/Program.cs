using Fuzz;
using SharpFuzz;

// `Fuzz <parser>`: the afl-fuzz target (stdin or afl's shared memory, one input per execution).
// `Fuzz <parser> FILE...`: runs the inputs once each, as the regression test does, and names the first that fails.
if (args.Length == 0 || FuzzTargets.Find(args[0]) is not { } target)
{
    Console.Error.WriteLine($"usage: Fuzz <parser> [input-file...]; parsers: {string.Join(", ", FuzzTargets.All.Select(t => t.Name))}");
    return 2;
}
if (args.Length == 1)
{
    Fuzzer.OutOfProcess.Run(stream =>
    {
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        target.Run(buffer.ToArray());
    });
    return 0;
}
foreach (var file in args.Skip(1))
{
    try
    {
        target.Run(File.ReadAllBytes(file));
    }
    catch (Exception e)
    {
        Console.Error.WriteLine($"{file}: {target.Name}: {e.GetType().Name}: {e.Message}");
        return 1;
    }
}
return 0;
