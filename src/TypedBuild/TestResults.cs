using System.Xml;
using System.Xml.Linq;

namespace TypedBuild;

/// <summary>Test counts; <c>ToString()</c> is the CI-readable form "N passed, N failed, N skipped".</summary>
public readonly record struct TestCounts(int Passed, int Failed, int Skipped)
{
    public static TestCounts operator +(TestCounts a, TestCounts b) =>
        new(a.Passed + b.Passed, a.Failed + b.Failed, a.Skipped + b.Skipped);

    public override string ToString() => $"{Passed} passed, {Failed} failed, {Skipped} skipped";
}

/// <summary>A failed test and what it wrote (xunit's test output: for smoke tests, the container logs).</summary>
public sealed record FailedTest(string Name, string Output);

/// <summary>The outcome of one VSTest results file (<c>--logger trx</c>).</summary>
public sealed record TestReport(TestCounts Counts, IReadOnlyList<FailedTest> Failures)
{
    private static readonly XNamespace Trx = "http://microsoft.com/schemas/VisualStudio/TeamTest/2010";

    /// <summary>Counts per test class (short name), e.g. one smoke-test scenario group each.</summary>
    public IReadOnlyDictionary<string, TestCounts> ByClass { get; init; } = new Dictionary<string, TestCounts>();

    /// <summary>Counts every <c>UnitTestResult</c> by outcome: Passed, NotExecuted (skipped), anything else failed.</summary>
    public static TestReport ReadTrx(string path)
    {
        XDocument document;
        try
        {
            using var reader = XmlReader.Create(path, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit });
            document = XDocument.Load(reader);
        }
        catch (XmlException e)
        {
            throw new BuildException($"Test results file {path} is not valid TRX: {e.Message}", e);
        }

        var classOf = document.Descendants(Trx + "UnitTest").ToDictionary(
            test => (string?)test.Attribute("id") ?? "",
            test => ShortName((string?)test.Element(Trx + "TestMethod")?.Attribute("className") ?? "(unknown)"));
        var total = new TestCounts();
        var byClass = new Dictionary<string, TestCounts>();
        var failures = new List<FailedTest>();
        foreach (var result in document.Descendants(Trx + "UnitTestResult"))
        {
            var counts = (string?)result.Attribute("outcome") switch
            {
                "Passed" => new TestCounts(1, 0, 0),
                "NotExecuted" => new TestCounts(0, 0, 1),
                _ => new TestCounts(0, 1, 0),
            };
            total += counts;
            var testClass = classOf.GetValueOrDefault((string?)result.Attribute("testId") ?? "", "(unknown)");
            byClass[testClass] = byClass.GetValueOrDefault(testClass) + counts;
            if (counts.Failed > 0)
                failures.Add(new FailedTest((string?)result.Attribute("testName") ?? "(unnamed test)",
                    (string?)result.Element(Trx + "Output")?.Element(Trx + "StdOut") ?? ""));
        }

        return new TestReport(total, failures) { ByClass = byClass };
    }

    private static string ShortName(string className) => className[(className.LastIndexOf('.') + 1)..];
}
