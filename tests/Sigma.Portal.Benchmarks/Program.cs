using BenchmarkDotNet.Running;

// dotnet run -c Release --project tests/Sigma.Portal.Benchmarks -- --filter '*'   (see docs/performance.md)
// dotnet Sigma.Portal.Benchmarks.dll password-step-times [rounds] | password-step-throughput WORKERS   (from its bin folder)
return args switch
{
    ["password-step-throughput", var workers] => await Sigma.Portal.Benchmarks.PasswordStepTimes.ThroughputAsync(int.Parse(workers, System.Globalization.CultureInfo.InvariantCulture)),
    ["password-step-times", .. var rest] => await Sigma.Portal.Benchmarks.PasswordStepTimes.RunAsync(rest is [var n] ? int.Parse(n, System.Globalization.CultureInfo.InvariantCulture) : 40),
    _ => Run(args),
};

static int Run(string[] args)
{
    BenchmarkSwitcher.FromAssembly(typeof(Sigma.Portal.Benchmarks.BenchmarkPortal).Assembly).Run(args);
    return 0;
}
