using System.Collections.Concurrent;
using ArtSouk.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ArtSouk.IntegrationTests;

/// <summary>What an operator sees of a first start: a log without errors.</summary>
public sealed class StartupTests
{
    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task A_first_start_that_seeds_logs_no_errors(string provider)
    {
        var errors = new ConcurrentQueue<string>();
        await using var app = await ArtSoukApp.OnAsync(provider, seed: true,
            services: s => s.AddLogging(l => l.AddProvider(new ErrorCollector(errors))));
        await app.ReadyAsync();
        Assert.True(errors.IsEmpty, string.Join(Environment.NewLine, errors));
    }

    private sealed class ErrorCollector(ConcurrentQueue<string> errors) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, errors);

        public void Dispose()
        {
        }

        private sealed class Logger(string category, ConcurrentQueue<string> errors) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (IsEnabled(logLevel))
                {
                    errors.Enqueue($"{logLevel} {category}: {formatter(state, exception)}");
                }
            }
        }
    }
}
