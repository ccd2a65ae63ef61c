namespace TypedBuild.Tests;

public sealed class TestReportTests
{
    [Fact]
    public async Task Trx_outcomes_are_counted_and_failed_tests_named()
    {
        var path = Path.Combine(Support.TempDirectory.Create(), "r.trx");
        await File.WriteAllTextAsync(path, """
            <?xml version="1.0" encoding="utf-8"?>
            <TestRun xmlns="http://microsoft.com/schemas/VisualStudio/TeamTest/2010">
              <Results>
                <UnitTestResult testName="A.Passes" outcome="Passed" />
                <UnitTestResult testName="A.AlsoPasses" outcome="Passed" />
                <UnitTestResult testName="A.Fails" outcome="Failed" />
                <UnitTestResult testName="A.Skipped" outcome="NotExecuted" />
              </Results>
            </TestRun>
            """);

        var report = TestReport.ReadTrx(path);

        report.Counts.Should().Be(new TestCounts(2, 1, 1));
        report.Counts.ToString().Should().Be("2 passed, 1 failed, 1 skipped");
        report.Failures.Select(f => f.Name).Should().Equal("A.Fails");
    }
}
