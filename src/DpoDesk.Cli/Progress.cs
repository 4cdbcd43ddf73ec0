using System.Diagnostics;
using System.Globalization;
using Spectre.Console;

/// <summary>
/// Progress of a long pass over a file: a bar with rows/s and the time left on a terminal, a plain
/// line every few seconds otherwise (a log, a CI job). Position is the file's, so the estimate holds
/// whatever the rows' length.
/// </summary>
static class FileProgress
{
    public static async Task<T> RunAsync<T>(string title, Stream file, Func<IProgress<long>, Task<T>> work)
    {
        var length = file.CanSeek ? file.Length : 0;
        if (!Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive)
        {
            return await AnsiConsole.Progress()
                .AutoClear(false)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
                .StartAsync(async context =>
                {
                    var task = context.AddTask(title, maxValue: Math.Max(length, 1));
                    var clock = Stopwatch.StartNew();
                    var result = await work(new Progress<long>(rows =>
                    {
                        task.Value = Math.Min(file.Position, task.MaxValue);
                        task.Description = $"{title} {rows:N0} rows, {Rate(rows, clock)}/s";
                    }));
                    task.Value = task.MaxValue;
                    return result;
                });
        }

        var watch = Stopwatch.StartNew();
        var last = TimeSpan.Zero;
        var progress = new Progress<long>(rows =>
        {
            if (watch.Elapsed - last < TimeSpan.FromSeconds(5))
                return;
            last = watch.Elapsed;
            var done = length > 0 ? (double)file.Position / length : 0;
            var eta = done > 0 ? TimeSpan.FromSeconds(watch.Elapsed.TotalSeconds * (1 - done) / done) : TimeSpan.Zero;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{title} {rows:N0} rows, {done:P0}, {Rate(rows, watch)}/s, about {eta:hh\\:mm\\:ss} left"));
        });
        return await work(progress);
    }

    static string Rate(long rows, Stopwatch clock) =>
        (rows / Math.Max(clock.Elapsed.TotalSeconds, 0.001)).ToString("N0", CultureInfo.InvariantCulture);
}
