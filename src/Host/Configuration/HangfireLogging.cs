using Hangfire.Logging;
using MsLogLevel = Microsoft.Extensions.Logging.LogLevel;

namespace Butler.Host.Configuration;

/// <summary>
/// Hangfire logs through one process-wide provider. Several hosts in one process (the tests) would otherwise leave it
/// pointing at a disposed host's logger factory; this provider sends Hangfire's logs to the newest host's factory and
/// drops them, instead of throwing, once that factory is gone.
/// </summary>
internal sealed class DisposalSafeLogProvider(ILoggerFactory factory) : ILogProvider
{
    public ILog GetLogger(string name) => new ForwardingLog(factory, name);

    private sealed class ForwardingLog(ILoggerFactory factory, string name) : ILog
    {
        private ILogger? _logger;

        public bool Log(Hangfire.Logging.LogLevel logLevel, Func<string>? messageFunc, Exception? exception = null)
        {
            try
            {
                _logger ??= factory.CreateLogger(name);
                var level = Map(logLevel);
                if (messageFunc is null)
                {
                    return _logger.IsEnabled(level);
                }
                if (_logger.IsEnabled(level))
                {
#pragma warning disable CA1848, CA2254 // Hangfire hands over finished messages; there is no template to cache.
                    _logger.Log(level, 0, exception, messageFunc());
#pragma warning restore CA1848, CA2254
                }
                return true;
            }
            catch (ObjectDisposedException)
            {
                return false;
            }
        }

        private static MsLogLevel Map(Hangfire.Logging.LogLevel level) => level switch
        {
            Hangfire.Logging.LogLevel.Trace => MsLogLevel.Trace,
            Hangfire.Logging.LogLevel.Debug => MsLogLevel.Debug,
            Hangfire.Logging.LogLevel.Info => MsLogLevel.Information,
            Hangfire.Logging.LogLevel.Warn => MsLogLevel.Warning,
            Hangfire.Logging.LogLevel.Error => MsLogLevel.Error,
            _ => MsLogLevel.Critical,
        };
    }
}
