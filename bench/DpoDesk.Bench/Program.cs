using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/DpoDesk.Bench -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);

/// <summary>The entry point, named for BenchmarkSwitcher.</summary>
public partial class Program;
