using BenchmarkDotNet.Running;

// dotnet run -c Release --project tests/Sigma.Portal.Benchmarks -- --filter '*'   (see docs/performance.md)
BenchmarkSwitcher.FromAssembly(typeof(Sigma.Portal.Benchmarks.BenchmarkPortal).Assembly).Run(args);
