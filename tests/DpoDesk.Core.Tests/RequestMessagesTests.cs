using DpoDesk.Requests;

namespace DpoDesk.Tests;

public sealed class RequestMessagesTests
{
    static Request Sample(string language = "pl") => new()
    {
        Number = "IOD/2026/000042",
        Language = language,
        Actions = RequestActions.Erasure | RequestActions.SourceInquiry,
        FullName = "Jan Kowalski",
        Email = "jan@firma.pl",
        Phone = "+48601234567",
        EmailLookupKey = new byte[32],
        ReceivedAt = new DateTime(2026, 12, 4, 10, 0, 0, DateTimeKind.Utc),
        ConfirmationExpiresAt = new DateTime(2026, 12, 11, 10, 0, 0, DateTimeKind.Utc),
        CompletedAt = new DateTime(2026, 12, 4, 10, 5, 0, DateTimeKind.Utc),
    };

    [Fact]
    public void The_sms_names_the_request_and_nothing_else_personal()
    {
        var report = new ProcessingReport([], 1, 0, 1, 0);
        var sms = RequestMessages.ResultSms(Sample(), report);
        Assert.Equal("Zgłoszenie IOD/2026/000042 zostało zrealizowane: znaleźliśmy Twoje dane i je usunęliśmy. Szczegóły wysłaliśmy e-mailem.", sms);
        Assert.True(sms.Length <= 160);
    }

    [Fact]
    public void The_result_describes_each_source_with_its_date_and_publicity()
    {
        var report = new ProcessingReport(
            [new DescribedRecord("Jan Kowalski", "Budmax sp. z o.o.", "Prezes", "KRS", new DateOnly(2023, 5, 9), true, "art. 6 ust. 1 lit. f RODO")],
            1, 0, 1, 0);
        var body = RequestMessages.Result(Sample(), report).Body;
        Assert.Contains("Źródło: KRS (źródło publicznie dostępne)", body, StringComparison.Ordinal);
        Assert.Contains("Data pozyskania: 9 maja 2023 r.", body, StringComparison.Ordinal);
        Assert.Contains("Usunęliśmy z naszej bazy kontaktów rekordy z Twoimi danymi (liczba: 1)", body, StringComparison.Ordinal);
        Assert.Contains("Prezesa Urzędu Ochrony Danych Osobowych", body, StringComparison.Ordinal);
    }

    [Fact]
    public void The_english_confirmation_echoes_what_was_asked_and_given()
    {
        var message = RequestMessages.Confirmation(Sample("en"), new Uri("https://iod.example/potwierdz/abc"));
        Assert.Equal("Confirm your request IOD/2026/000042", message.Subject);
        Assert.Contains("erase your data", message.Body, StringComparison.Ordinal);
        Assert.Contains("tell you where your data came from", message.Body, StringComparison.Ordinal);
        Assert.Contains("Full name: Jan Kowalski", message.Body, StringComparison.Ordinal);
        Assert.Contains("https://iod.example/potwierdz/abc", message.Body, StringComparison.Ordinal);
        Assert.Contains("11 December 2026, 11:00", message.Body, StringComparison.Ordinal);
    }
}
