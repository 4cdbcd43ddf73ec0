using System.ComponentModel.DataAnnotations;

namespace DpoDesk.Requests;

/// <summary>The <c>Requests:*</c> settings.</summary>
public sealed class RequestOptions
{
    /// <summary>How long a confirmation link stays valid; after that the request expires and its data are purged.</summary>
    public TimeSpan ConfirmationValidity { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How often the worker looks for confirmed and expired requests when nothing wakes it.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How many requests one e-mail address, or one phone number, may file in 24 hours.</summary>
    [System.ComponentModel.DataAnnotations.Range(1, 1000)]
    public int MaxPerIdentifierPerDay { get; set; } = 5;
}

/// <summary>The <c>Portal:*</c> settings.</summary>
public sealed class PortalOptions
{
    /// <summary>The address the public reaches the portal at; links in e-mails start with it.</summary>
    [Required, Url]
    public string PublicUrl { get; set; } = "http://localhost:5000";

    /// <summary>Where paper requests go; shown on the form.</summary>
    [Required, MaxLength(300)]
    public string PostalAddress { get; set; } = "Inspektor Ochrony Danych, ul. Przykładowa 1, 00-001 Warszawa";

    public Uri Link(string relative) => new(new Uri(PublicUrl.TrimEnd('/') + "/"), relative.TrimStart('/'));
}
