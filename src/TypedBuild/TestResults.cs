using System.Xml;

namespace TypedBuild;

/// <summary>Test counts; <c>ToString()</c> is the CI-readable form "N passed, N failed, N skipped".</summary>
public readonly record struct TestCounts(int Passed, int Failed, int Skipped)
{
    public static TestCounts operator +(TestCounts a, TestCounts b) =>
        new(a.Passed + b.Passed, a.Failed + b.Failed, a.Skipped + b.Skipped);

    public override string ToString() => $"{Passed} passed, {Failed} failed, {Skipped} skipped";
}

/// <summary>The outcome of one VSTest results file (<c>--logger trx</c>).</summary>
public sealed record TestReport(TestCounts Counts, IReadOnlyList<string> FailedTests)
{
    private const string Namespace = "http://microsoft.com/schemas/VisualStudio/TeamTest/2010";

    /// <summary>Counts every <c>UnitTestResult</c> by outcome: Passed, NotExecuted (skipped), anything else failed.</summary>
    public static TestReport ReadTrx(string path)
    {
        int passed = 0, failed = 0, skipped = 0;
        var failedTests = new List<string>();
        try
        {
            using var reader = XmlReader.Create(path, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, IgnoreWhitespace = true });
            while (reader.Read())
            {
                if (reader.NodeType != XmlNodeType.Element || reader.LocalName != "UnitTestResult" || reader.NamespaceURI != Namespace)
                    continue;
                switch (reader.GetAttribute("outcome"))
                {
                    case "Passed":
                        passed++;
                        break;
                    case "NotExecuted":
                        skipped++;
                        break;
                    default:
                        failed++;
                        failedTests.Add(reader.GetAttribute("testName") ?? "(unnamed test)");
                        break;
                }
            }
        }
        catch (XmlException e)
        {
            throw new BuildException($"Test results file {path} is not valid TRX: {e.Message}", e);
        }

        return new TestReport(new TestCounts(passed, failed, skipped), failedTests);
    }
}
