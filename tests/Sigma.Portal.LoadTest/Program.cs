using Sigma.Portal.LoadTest;

// dotnet Sigma.Portal.LoadTest.dll COMMAND [options]   (tests/Sigma.Portal.LoadTest/run.sh runs it; see docs/performance.md)
return args switch
{
    ["run", .. var rest] => await LoadRun.RunAsync(LoadOptions.Parse(rest)),
    ["hash-bound", .. var rest] => HashBound.Run(Arguments.Parse(rest)),
    ["seed-template", .. var rest] => await TemplateSeeder.RunAsync(Arguments.Parse(rest)),
    ["memory", .. var rest] => ProcessMemory.Print(Arguments.Parse(rest)),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("""
        Usage:
          run --target portal|template --url https://127.0.0.1:PORT --scenario login-page|full-login|wrong-password|sso-round-trip|refresh|passkey-login
              [--users users.csv] [--concurrency 32] [--duration 20] [--warmup 5] [--flood 0] [--pid PID] [--certificate server.pem]
              [--client-id ID --client-secret SECRET --redirect-uri URI]   (the single sign-on scenarios)
          hash-bound --iterations 210000 [--seconds 10]     hashes per second with one thread per core
          seed-template --db app.db --users N --out users.csv
          memory --pid PID                                  resident and peak memory of a process
        """);
    return 2;
}
