using System.Net;
using Velocitas.Web.Extensions;

namespace Velocitas.Web.Api.Hardening;

/// <summary>Refuses to start an app that listens beyond loopback without an API key.</summary>
public static class ListenAddresses
{
    /// <summary>The configured listen URLs (Urls, ASPNETCORE_URLS, --urls, HTTP_PORTS, Kestrel endpoints).</summary>
    public static IEnumerable<string> Configured(IConfiguration configuration)
    {
        foreach (string key in new[] { "urls", "http_ports", "https_ports" })
            foreach (string url in (configuration[key] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                yield return key == "urls" ? url : $"http://*:{url}";
        foreach (var endpoint in configuration.GetSection("Kestrel:Endpoints").GetChildren())
            if (endpoint["Url"] is { Length: > 0 } url) yield return url;
    }

    /// <summary>Whether a listen URL is on the loopback interface only.</summary>
    public static bool IsLoopback(string url)
    {
        string host = url;
        int scheme = host.IndexOf("://", StringComparison.Ordinal);
        if (scheme >= 0) host = host[(scheme + 3)..];
        int slash = host.IndexOf('/');
        if (slash >= 0) host = host[..slash];
        host = host.StartsWith('[') ? host[..(host.IndexOf(']') + 1)] : host.Split(':')[0];
        if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase)) return true;
        return IPAddress.TryParse(host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip);
    }

    /// <summary>Throws with a clear message when the app would listen beyond loopback and no API key is configured.</summary>
    public static void RequireApiKeyBeyondLoopback(IConfiguration configuration, VelocitasOptions options)
    {
        var open = Configured(configuration).Where(u => !IsLoopback(u)).ToList();
        if (open.Count > 0 && string.IsNullOrWhiteSpace(options.ApiKey))
            throw new InvalidOperationException(
                $"Velocitas is configured to listen beyond this machine ({string.Join(", ", open)}) but has no API key. " +
                "Set Velocitas:ApiKey (e.g. the environment variable Velocitas__ApiKey) to a long random secret, and AllowedHosts to the host names clients use; " +
                "REST and WebSocket clients then send it in the X-Api-Key header.");
    }
}
