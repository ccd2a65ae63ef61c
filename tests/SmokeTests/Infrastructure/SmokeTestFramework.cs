using System.Reflection;
using Xunit.Abstractions;
using Xunit.Sdk;

[assembly: TestFramework("SmokeTests.Infrastructure.SmokeTestFramework", "SmokeTests")]

namespace SmokeTests.Infrastructure;

/// <summary>
/// xunit 2 has no assembly fixture; this framework adds two hooks for the smoke run: start the shared database first, and after the
/// last test remove what is shared by all scenario groups (<see cref="SharedDatabase"/>). Relying on process exit instead
/// left the network behind, because the test host may be ended before exit handlers finish.
/// </summary>
public sealed class SmokeTestFramework(IMessageSink messageSink) : XunitTestFramework(messageSink)
{
    protected override ITestFrameworkExecutor CreateExecutor(AssemblyName assemblyName) =>
        new Executor(assemblyName, SourceInformationProvider, DiagnosticMessageSink);

    private sealed class Executor(AssemblyName assemblyName, ISourceInformationProvider sourceInformationProvider, IMessageSink diagnosticMessageSink)
        : XunitTestFrameworkExecutor(assemblyName, sourceInformationProvider, diagnosticMessageSink)
    {
        protected override async void RunTestCases(IEnumerable<IXunitTestCase> testCases, IMessageSink executionMessageSink, ITestFrameworkExecutionOptions executionOptions)
        {
            // Without an image every test would fail alike, each with a stack trace: run one that says what to do instead.
            if (SmokeImage.Missing is { } missing && testCases.FirstOrDefault() is { } first)
                testCases = [new ExecutionErrorTestCase(DiagnosticMessageSink, TestMethodDisplay.ClassAndMethod, TestMethodDisplayOptions.None, first.TestMethod, missing)];
            using var runner = new AssemblyRunner(TestAssembly, testCases, DiagnosticMessageSink, executionMessageSink, executionOptions);
            await runner.RunAsync();
        }
    }

    private sealed class AssemblyRunner(
        ITestAssembly testAssembly, IEnumerable<IXunitTestCase> testCases, IMessageSink diagnosticMessageSink,
        IMessageSink executionMessageSink, ITestFrameworkExecutionOptions executionOptions)
        : XunitTestAssemblyRunner(testAssembly, testCases, diagnosticMessageSink, executionMessageSink, executionOptions)
    {
        /// <summary>PostgreSQL's initdb is the slowest startup of the run: begin it before any test asks.</summary>
        protected override async Task AfterTestAssemblyStartingAsync()
        {
            await base.AfterTestAssemblyStartingAsync();
            if (TestCases.Any(c => c.TestMethod.TestClass.Class is IReflectionTypeInfo type && typeof(IUsesSharedDatabase).IsAssignableFrom(type.Type)))
                SharedDatabase.StartInBackground();
        }

        protected override async Task BeforeTestAssemblyFinishedAsync()
        {
            try
            {
                await SharedDatabase.DisposeAsync();
            }
            catch (Exception e)
            {
                Aggregator.Add(e);
            }

            await base.BeforeTestAssemblyFinishedAsync();
        }
    }
}
