using System.Globalization;
using System.Net;
using DpoDesk.Audit;
using DpoDesk.Chat;
using DpoDesk.Inquiries;
using DpoDesk.Web.Office;
using DpoDesk.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;

namespace DpoDesk.Web.Tests;

/// <summary>The chat with the DPO's office: live through SignalR (the real .NET client), and as plain forms.</summary>
public abstract partial class ChatTests<TApp>(TApp app) : DatabaseTests<TApp>(app)
    where TApp : DpoDeskApp
{
    static KeyValuePair<string, string> F(string name, string value) => new(name, value);

    /// <summary>A chat line as the hub sends it.</summary>
    public sealed record Line(long Id, long ConversationId, string Author, string? StaffName, string Body, DateTime At);

    static readonly OfficeHours AllWeek = new(OfficeHours.Week.ToDictionary(d => d, _ => (TimeOnly.MinValue, new TimeOnly(23, 59))));
    static readonly OfficeHours Never = new(new Dictionary<DayOfWeek, (TimeOnly, TimeOnly)>());

    readonly List<HubConnection> _connections = [];

    public override async ValueTask DisposeAsync()
    {
        foreach (var connection in _connections)
            await connection.DisposeAsync();
        await base.DisposeAsync();
    }

    /// <summary>A browser whose cookies the test can hand to a hub connection too.</summary>
    sealed record CookieBrowser(HttpClient Client, CookieContainer Cookies);

    CookieBrowser NewBrowser()
    {
        var cookies = new CookieContainer();
        return new CookieBrowser(new HttpClient(new CookieContainerHandler(cookies) { InnerHandler = App.Server.CreateHandler() }) { BaseAddress = App.Server.BaseAddress }, cookies);
    }

    async Task<CookieBrowser> StaffBrowserAsync(params string[] roles)
    {
        var email = await App.CreateStaffAsync(roles);
        var browser = NewBrowser();
        using var signedIn = await App.SignInAsync(browser.Client, email, DpoDeskApp.StaffPassword);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        return browser;
    }

    async Task<HubConnection> ConnectAsync(string path, CookieBrowser browser, bool start = true)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(App.Server.BaseAddress, path), o =>
            {
                o.Transports = HttpTransportType.LongPolling;
                o.HttpMessageHandlerFactory = _ => new CookieContainerHandler(browser.Cookies) { InnerHandler = App.Server.CreateHandler() };
            })
            .Build();
        _connections.Add(connection);
        if (start)
            await connection.StartAsync();
        return connection;
    }

    Task<int> SetHoursAsync(OfficeHours hours) => App.QueryAsync(async db =>
    {
        await hours.SaveAsync(db, CancellationToken.None);
        return await db.SaveChangesAsync();
    });

    /// <summary>Office hours all week and an operator with the chat page open.</summary>
    async Task<CookieBrowser> OnDutyAsync()
    {
        await SetHoursAsync(AllWeek);
        var operatorBrowser = await StaffBrowserAsync(StaffRoles.Operator);
        using var queue = await operatorBrowser.Client.GetAsync("/office/chat");
        Assert.Equal(HttpStatusCode.OK, queue.StatusCode);
        return operatorBrowser;
    }

    static async Task<HttpResponseMessage> SendFormAsync(HttpClient visitor, string text) =>
        await DpoDeskApp.PostFormAsync(visitor, "/czat", [F("message", text)], "/czat?handler=Send");

    /// <summary>The person starts a chat with the plain form; returns the chat's number.</summary>
    async Task<long> StartChatAsync(CookieBrowser visitor, string text)
    {
        using var sent = await SendFormAsync(visitor.Client, text);
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        return await App.QueryAsync(db => db.ChatMessages.Where(m => m.Body == text).Select(m => m.ConversationId).SingleAsync());
    }

    static async Task<T> WithinAsync<T>(TaskCompletionSource<T> source, string what)
    {
        var finished = await Task.WhenAny(source.Task, Task.Delay(TimeSpan.FromSeconds(20)));
        Assert.True(finished == source.Task, $"Not in time: {what}");
        return await source.Task;
    }

    static TaskCompletionSource<Line> WaitFor(HubConnection connection, Func<Line, bool> match)
    {
        var source = new TaskCompletionSource<Line>(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.On<Line>("message", line =>
        {
            if (match(line))
                source.TrySetResult(line);
        });
        return source;
    }

    Task<List<string>> AuditActionsAsync(long conversationId) =>
        App.QueryAsync(db => db.AuditEvents.Where(e => e.Subject == ChatDesk.Subject(conversationId)).OrderBy(e => e.Sequence).Select(e => e.Action).ToListAsync());

    [Fact]
    public async Task A_persons_message_reaches_the_operator_live_and_the_answer_reaches_the_person()
    {
        var operatorBrowser = await OnDutyAsync();
        var visitor = NewBrowser();
        var id = await StartChatAsync(visitor, $"Dzień dobry, skąd macie mój adres? {Guid.NewGuid():N}");

        var staff = await ConnectAsync("/office/chat/hub", operatorBrowser);
        var question = $"Czy mogę prosić o wyjaśnienie? {Guid.NewGuid():N}";
        var staffGot = WaitFor(staff, l => l.Body == question);
        await staff.InvokeAsync("Watch", id);
        var person = await ConnectAsync("/czat/hub", visitor);
        var answer = $"Oczywiście, proszę skorzystać z formularza. {Guid.NewGuid():N}";
        var personGot = WaitFor(person, l => l.Body == answer);
        var pickedUp = WaitFor(person, l => l.Author == "system" && l.Body == ChatDesk.PickedUpNote);

        Assert.Null(await person.InvokeAsync<string?>("Send", question));
        var received = await WithinAsync(staffGot, "the person's message at the operator");
        Assert.Equal(id, received.ConversationId);
        Assert.Equal("visitor", received.Author);
        // What the operator was shown is what the database holds, under the same number.
        var stored = await App.QueryAsync(db => db.ChatMessages.SingleAsync(m => m.Id == received.Id));
        Assert.Equal(question, stored.Body);
        Assert.Equal(ChatAuthor.Visitor, stored.Author);

        Assert.Null(await staff.InvokeAsync<string?>("Send", id, answer));
        var reply = await WithinAsync(personGot, "the operator's answer at the person");
        Assert.Equal("staff", reply.Author);
        Assert.Null(reply.StaffName);
        await WithinAsync(pickedUp, "the note that an operator joined");
        Assert.True(await App.QueryAsync(db => db.ChatMessages.AnyAsync(m => m.Id == reply.Id && m.Body == answer && m.Author == ChatAuthor.Staff)));

        // Reloading shows everything from the database; the person sees the office, never the operator's name.
        var page = WebUtility.HtmlDecode(await visitor.Client.GetStringAsync("/czat"));
        Assert.Contains(question, page, StringComparison.Ordinal);
        Assert.Contains(answer, page, StringComparison.Ordinal);
        Assert.DoesNotContain("@staff.test", page, StringComparison.Ordinal);
        Assert.Equal(["chat.transcript-viewed", "chat.picked-up", "chat.replied"], await AuditActionsAsync(id));
    }

    [Fact]
    public async Task Only_staff_who_answer_the_chat_can_join_the_staff_hub()
    {
        var anonymous = await ConnectAsync("/office/chat/hub", NewBrowser(), start: false);
        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => anonymous.StartAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);

        foreach (var role in new[] { StaffRoles.Lawyer, StaffRoles.Auditor, StaffRoles.Admin, StaffRoles.DataTeam })
        {
            var other = await ConnectAsync("/office/chat/hub", await StaffBrowserAsync(role), start: false);
            var forbidden = await Assert.ThrowsAsync<HttpRequestException>(() => other.StartAsync());
            Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        }

        var dpo = await ConnectAsync("/office/chat/hub", await StaffBrowserAsync(StaffRoles.Dpo));
        Assert.Equal(HubConnectionState.Connected, dpo.State);
    }

    [Fact]
    public async Task Off_duty_the_chat_says_so_and_a_left_message_becomes_an_inquiry_answered_by_email()
    {
        await SetHoursAsync(Never);
        var visitor = NewBrowser();
        var page = WebUtility.HtmlDecode(await visitor.Client.GetStringAsync("/czat"));
        Assert.Contains("Teraz nikt z biura IOD nie dyżuruje na czacie.", page, StringComparison.Ordinal);
        Assert.Contains("brak ustalonych godzin", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Twoja wiadomość", page, StringComparison.Ordinal);
        using (var refused = await SendFormAsync(visitor.Client, "Halo?"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains("Zostaw wiadomość", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using (var wrong = await DpoDeskApp.PostFormAsync(visitor.Client, "/czat", [F("email", "to nie adres"), F("question", "")], "/czat?handler=Leave"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
            var text = WebUtility.HtmlDecode(await wrong.Content.ReadAsStringAsync());
            Assert.Contains("Podaj adres e-mail, na który mamy odpowiedzieć", text, StringComparison.Ordinal);
            Assert.Contains("Napisz pytanie", text, StringComparison.Ordinal);
        }
        var email = DpoDeskApp.UniqueEmail("pytajaca");
        var question = $"Jak długo przechowujecie dane? {Guid.NewGuid():N}";
        using (var left = await DpoDeskApp.PostFormAsync(visitor.Client, "/czat", [F("email", email), F("question", question)], "/czat?handler=Leave"))
        {
            Assert.Equal(HttpStatusCode.Redirect, left.StatusCode);
            Assert.Contains("Dziękujemy", await visitor.Client.GetStringAsync(left.Headers.Location), StringComparison.Ordinal);
        }
        var inquiry = await App.QueryAsync(db => db.Inquiries.Include(i => i.Messages).SingleAsync(i => i.FromAddress == email));
        Assert.Equal(InquiryState.Open, inquiry.State);
        Assert.Equal(question, Assert.Single(inquiry.Messages).Body);

        var operatorBrowser = await App.StaffAsync(StaffRoles.Operator);
        Assert.Contains(question, WebUtility.HtmlDecode(await operatorBrowser.GetStringAsync($"/office/inquiries/{inquiry.Id}")), StringComparison.Ordinal);
        var answer = "Dane przechowujemy przez okres licencji.";
        using (var replied = await DpoDeskApp.PostFormAsync(operatorBrowser, $"/office/inquiries/{inquiry.Id}", [F("Reply", answer)], $"/office/inquiries/{inquiry.Id}?handler=Reply"))
            Assert.Equal(HttpStatusCode.Redirect, replied.StatusCode);
        var mail = await App.Smtp.WaitForAsync(email, "Pytanie z czatu");
        Assert.Contains(answer, mail.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_too_long_or_flooding_message_is_refused_with_a_message()
    {
        await OnDutyAsync();
        var visitor = NewBrowser();
        using (var empty = await SendFormAsync(visitor.Client, "   "))
        {
            Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
            Assert.Contains("Napisz wiadomość.", await empty.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        using (var tooLong = await SendFormAsync(visitor.Client, new string('a', ChatDesk.MaxMessageLength + 1)))
        {
            Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
            Assert.Contains("Wiadomość może mieć najwyżej 2000 znaków.", WebUtility.HtmlDecode(await tooLong.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        }
        Assert.Null(visitor.Cookies.GetCookies(App.Server.BaseAddress).FirstOrDefault(c => c.Name == ".DpoDesk.Chat"));

        var id = await StartChatAsync(visitor, $"Pierwsza {Guid.NewGuid():N}");
        var person = await ConnectAsync("/czat/hub", visitor);
        Assert.Equal("Napisz wiadomość.", await person.InvokeAsync<string?>("Send", ""));
        Assert.Equal("Wiadomość może mieć najwyżej 2000 znaków.", await person.InvokeAsync<string?>("Send", new string('b', 2001)));
        for (var i = 1; i < ChatDesk.VisitorMessagesPerMinute; i++)
            Assert.Null(await person.InvokeAsync<string?>("Send", $"wiadomość {i}"));
        Assert.Equal("Wysyłasz wiadomości zbyt szybko. Poczekaj chwilę i spróbuj ponownie.", await person.InvokeAsync<string?>("Send", "jeszcze jedna"));
        Assert.Equal(ChatDesk.VisitorMessagesPerMinute, await App.QueryAsync(db => db.ChatMessages.CountAsync(m => m.ConversationId == id)));
    }

    [Fact]
    public async Task Without_javascript_the_chat_is_forms_picked_up_answered_handed_over_and_closed()
    {
        var operatorBrowser = await OnDutyAsync();
        var visitor = NewBrowser();
        var unansweredBefore = await App.QueryAsync(db => ChatDesk.CountUnansweredAsync(db, CancellationToken.None));
        var start = WebUtility.HtmlDecode(await visitor.Client.GetStringAsync("/czat"));
        Assert.Contains("Czat nie sprawdza niczego w bazie kontaktów", start, StringComparison.Ordinal);
        Assert.Contains("href=\"/\"", start, StringComparison.Ordinal);
        Assert.Contains("href=\"/status\"", start, StringComparison.Ordinal);

        var id = await StartChatAsync(visitor, "<script>alert('x')</script> Czy macie moje dane?");
        var cookie = Assert.Single(visitor.Cookies.GetCookies(new Uri(App.Server.BaseAddress, "/czat")), c => c.Name == ".DpoDesk.Chat");
        Assert.True(cookie.HttpOnly);
        // Only the token's hash is stored.
        Assert.True(await App.QueryAsync(db => db.ChatConversations.AnyAsync(c => c.Id == id && c.TokenHash == ChatDesk.HashToken(cookie.Value))));
        var shown = await visitor.Client.GetStringAsync("/czat");
        Assert.Contains("&lt;script&gt;", shown, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert", shown, StringComparison.Ordinal);
        Assert.Equal(unansweredBefore + 1, await App.QueryAsync(db => ChatDesk.CountUnansweredAsync(db, CancellationToken.None)));
        // The office's front page counts it among what needs attention today.
        var front = WebUtility.HtmlDecode(await operatorBrowser.Client.GetStringAsync("/office"));
        Assert.Contains($"<a href=\"/office/chat\">Rozmowy na czacie bez odpowiedzi: <strong class=\"figure\">{unansweredBefore + 1}</strong></a>", front, StringComparison.Ordinal);

        var queue = await operatorBrowser.Client.GetStringAsync("/office/chat");
        Assert.Matches($"id=\"waiting\"[\\s\\S]*Czat nr {id}<[\\s\\S]*id=\"mine\"", queue);
        var chatPage = $"/office/chat/{id}";
        using (var picked = await DpoDeskApp.PostFormAsync(operatorBrowser.Client, chatPage, [], chatPage + "?handler=PickUp"))
            Assert.Equal(HttpStatusCode.Redirect, picked.StatusCode);
        var answer = "Czat nie sprawdza bazy. Proszę złożyć zgłoszenie przez formularz.";
        using (var replied = await DpoDeskApp.PostFormAsync(operatorBrowser.Client, chatPage, [F("reply", answer)], chatPage + "?handler=Reply"))
            Assert.Equal(HttpStatusCode.Redirect, replied.StatusCode);
        var personSees = WebUtility.HtmlDecode(await visitor.Client.GetStringAsync("/czat"));
        Assert.Contains(answer, personSees, StringComparison.Ordinal);
        Assert.Contains("Konsultant biura IOD dołączył do rozmowy.", personSees, StringComparison.Ordinal);
        Assert.Equal(unansweredBefore, await App.QueryAsync(db => ChatDesk.CountUnansweredAsync(db, CancellationToken.None)));
        using (var more = await SendFormAsync(visitor.Client, "Dziękuję, a jak długo to trwa?"))
            Assert.Equal(HttpStatusCode.Redirect, more.StatusCode);
        Assert.Equal(unansweredBefore + 1, await App.QueryAsync(db => ChatDesk.CountUnansweredAsync(db, CancellationToken.None)));

        // Handed over: the colleague has it among theirs, and the first operator can no longer answer.
        var colleagueEmail = await App.CreateStaffAsync(StaffRoles.Dpo);
        using (var bad = await DpoDeskApp.PostFormAsync(operatorBrowser.Client, chatPage, [F("to", "nobody@staff.test")], chatPage + "?handler=HandOver"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            Assert.Contains("Wybierz osobę, która odpowiada na czacie.", WebUtility.HtmlDecode(await bad.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        }
        using (var handed = await DpoDeskApp.PostFormAsync(operatorBrowser.Client, chatPage, [F("to", colleagueEmail)], chatPage + "?handler=HandOver"))
            Assert.Equal(HttpStatusCode.Redirect, handed.StatusCode);
        using (var notMine = await DpoDeskApp.PostFormAsync(operatorBrowser.Client, chatPage, [F("reply", "Jeszcze ja")], chatPage + "?handler=Reply"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, notMine.StatusCode);
            Assert.Contains("przekaż ją sobie", WebUtility.HtmlDecode(await notMine.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        }
        var colleague = NewBrowser();
        using (await App.SignInAsync(colleague.Client, colleagueEmail, DpoDeskApp.StaffPassword))
        {
        }
        Assert.Matches($"id=\"mine\"[\\s\\S]*Czat nr {id}<[\\s\\S]*id=\"others\"", await colleague.Client.GetStringAsync("/office/chat"));
        using (var closed = await DpoDeskApp.PostFormAsync(colleague.Client, chatPage, [], chatPage + "?handler=Close"))
            Assert.Equal(HttpStatusCode.Redirect, closed.StatusCode);

        var ended = WebUtility.HtmlDecode(await visitor.Client.GetStringAsync("/czat"));
        Assert.Contains("Biuro IOD zakończyło rozmowę.", ended, StringComparison.Ordinal);
        Assert.Contains("Ta rozmowa jest zakończona.", ended, StringComparison.Ordinal);
        using (var late = await SendFormAsync(visitor.Client, "Halo?"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, late.StatusCode);
        }
        Assert.Equal(unansweredBefore, await App.QueryAsync(db => ChatDesk.CountUnansweredAsync(db, CancellationToken.None)));
        Assert.Equal(["chat.transcript-viewed", "chat.picked-up", "chat.transcript-viewed", "chat.replied", "chat.transcript-viewed", "chat.transcript-viewed", "chat.handed-over", "chat.transcript-viewed", "chat.transcript-viewed", "chat.closed"],
            await AuditActionsAsync(id));
    }

    [Fact]
    public async Task A_chat_is_made_into_a_request_and_its_transcript_goes_into_the_evidence_pack()
    {
        var operatorBrowser = await OnDutyAsync();
        var visitor = NewBrowser();
        var words = $"Proszę usunąć moje dane {Guid.NewGuid():N}";
        var id = await StartChatAsync(visitor, words);
        var chatPage = $"/office/chat/{id}";

        using (var invalid = await DpoDeskApp.PostFormAsync(operatorBrowser.Client, chatPage, [F("FullName", "Ewa Czatowa"), F("Email", "nie-adres"), F("Erase", "true")], chatPage + "?handler=Convert"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
            Assert.Contains("To nie wygląda na adres e-mail", WebUtility.HtmlDecode(await invalid.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        }
        var email = DpoDeskApp.UniqueEmail("czatowa");
        using (var converted = await DpoDeskApp.PostFormAsync(operatorBrowser.Client, chatPage, [F("FullName", "Ewa Czatowa"), F("Email", email), F("Erase", "true")], chatPage + "?handler=Convert"))
            Assert.Equal(HttpStatusCode.Redirect, converted.StatusCode);
        // The address typed in a chat proves nothing: the request waits for its confirmation link.
        var confirmation = await App.Smtp.WaitForAsync(email, "IOD/");
        var number = DpoDeskApp.NumberPattern().Match(confirmation.Subject ?? "").Value;
        await App.WaitForStateAsync(number, Requests.RequestState.AwaitingConfirmation);
        Assert.Contains(number, await operatorBrowser.Client.GetStringAsync(chatPage), StringComparison.Ordinal);

        // A second chat is linked to the same request by its number.
        var other = NewBrowser();
        var second = await StartChatAsync(other, $"Pytam jeszcze raz {Guid.NewGuid():N}");
        using (var unknown = await DpoDeskApp.PostFormAsync(operatorBrowser.Client, $"/office/chat/{second}", [F("number", "IOD/1999/000001")], $"/office/chat/{second}?handler=Link"))
            Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        using (var linked = await DpoDeskApp.PostFormAsync(operatorBrowser.Client, $"/office/chat/{second}", [F("number", number.ToLowerInvariant())], $"/office/chat/{second}?handler=Link"))
            Assert.Equal(HttpStatusCode.Redirect, linked.StatusCode);
        Assert.Contains(AuditActions.ChatConverted, await AuditActionsAsync(id));
        Assert.Contains(AuditActions.ChatLinked, await AuditActionsAsync(second));

        var lawyer = await App.StaffAsync(StaffRoles.Lawyer);
        var reference = $"DKN.5101.{Random.Shared.Next(1, 99999)}.2026";
        using var opened = await DpoDeskApp.PostFormAsync(lawyer, "/office/cases",
            [F("Reference", reference), F("Subject", "Complaint"), F("Channel", "Epuap"), F("Summary", "Skarga."), F("AssignedTo", "prawnik@staff.test")]);
        var caseId = long.Parse(opened.Headers.Location!.OriginalString.Split('/')[^1], CultureInfo.InvariantCulture);
        using (var attached = await DpoDeskApp.PostFormAsync(lawyer, $"/office/cases/{caseId}", [F("Number", number)], $"/office/cases/{caseId}?handler=Link"))
            Assert.Equal(HttpStatusCode.Redirect, attached.StatusCode);
        var evidence = DpoDeskApp.PdfText(await lawyer.GetByteArrayAsync($"/office/cases/{caseId}/evidence.pdf"));
        Assert.Contains($"Czat nr {id}", evidence, StringComparison.Ordinal);
        Assert.Contains($"Czat nr {second}", evidence, StringComparison.Ordinal);
        Assert.Contains(words.Split(' ')[^1], evidence, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_message_posted_on_one_instance_reaches_the_clients_of_another()
    {
        Assert.SkipWhen(App.ConnectionString is null, "Several instances share PostgreSQL; on SQLite there is one.");
        var operatorBrowser = await OnDutyAsync();
        var visitor = NewBrowser();
        var id = await StartChatAsync(visitor, $"Pytanie przez dwa serwery {Guid.NewGuid():N}");
        var token = visitor.Cookies.GetCookies(new Uri(App.Server.BaseAddress, "/czat")).Single(c => c.Name == ".DpoDesk.Chat").Value;

        await using var second = DpoDeskProcess.Start([.. App.ProcessArguments(), "--role=web"]);
        using (var probe = new HttpClient())
        {
            await DpoDeskApp.EventuallyAsync(async () =>
            {
                Assert.False(second.HasExited, second.Output);
                try
                {
                    using var ready = await probe.GetAsync(second.Url + "/health/ready");
                    return ready.IsSuccessStatusCode;
                }
                catch (HttpRequestException)
                {
                    return false;
                }
            }, "the second instance is up", TimeSpan.FromSeconds(90)); // a process starting cold, while the other test projects run
        }

        var staff = await ConnectAsync("/office/chat/hub", operatorBrowser);
        await staff.InvokeAsync("Watch", id);
        var person = new HubConnectionBuilder()
            .WithUrl(second.Url + "/czat/hub", o =>
            {
                o.Transports = HttpTransportType.LongPolling;
                o.Headers["Cookie"] = ".DpoDesk.Chat=" + token;
            })
            .Build();
        _connections.Add(person);
        await person.StartAsync();

        var question = $"Napisane na drugim serwerze {Guid.NewGuid():N}";
        var atOperator = WaitFor(staff, l => l.Body == question);
        Assert.Null(await person.InvokeAsync<string?>("Send", question));
        Assert.Equal(id, (await WithinAsync(atOperator, "a message from the second instance at the first")).ConversationId);

        // The relay may still be starting on the second instance: answer until one arrives.
        var arrived = new TaskCompletionSource<Line>(TaskCreationOptions.RunContinuationsAsynchronously);
        person.On<Line>("message", line =>
        {
            if (line.Author == "staff")
                arrived.TrySetResult(line);
        });
        for (var attempt = 0; attempt < 10 && !arrived.Task.IsCompleted; attempt++)
        {
            Assert.Null(await staff.InvokeAsync<string?>("Send", id, "Odpowiedź z pierwszego serwera"));
            await Task.WhenAny(arrived.Task, Task.Delay(TimeSpan.FromSeconds(2)));
        }
        var answer = await WithinAsync(arrived, "an answer from the first instance at the second");
        Assert.Equal("Odpowiedź z pierwszego serwera", answer.Body);
    }

    [Fact]
    public async Task The_dpo_sets_the_office_hours_and_the_portal_shows_them()
    {
        var dpo = await App.StaffAsync(StaffRoles.Dpo);
        List<KeyValuePair<string, string>> Week(string mondayCloses) =>
        [
            F("open-1", "true"), F("opens-1", "09:00"), F("closes-1", mondayCloses),
            F("open-3", "true"), F("opens-3", "10:30"), F("closes-3", "14:00"),
            F("opens-6", "08:00"), F("closes-6", "12:00"),
        ];
        using (var wrong = await DpoDeskApp.PostFormAsync(dpo, "/office/chat/hours", Week("08:00")))
        {
            Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
            Assert.Contains("poniedziałek: podaj godzinę rozpoczęcia wcześniejszą niż godzina zakończenia.", WebUtility.HtmlDecode(await wrong.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        }
        using (var saved = await DpoDeskApp.PostFormAsync(dpo, "/office/chat/hours", Week("17:00")))
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var hours = await App.QueryAsync(db => OfficeHours.GetAsync(db, CancellationToken.None));
        Assert.Equal("1=09:00-17:00;3=10:30-14:00", hours.Serialize());
        // Monday 2026-12-07, 10:00 in Warsaw is 09:00 UTC; Saturday is not ticked.
        Assert.True(hours.IsOpenAt(new DateTime(2026, 12, 7, 9, 0, 0, DateTimeKind.Utc)));
        Assert.False(hours.IsOpenAt(new DateTime(2026, 12, 7, 16, 0, 0, DateTimeKind.Utc)));
        Assert.False(hours.IsOpenAt(new DateTime(2026, 12, 12, 9, 0, 0, DateTimeKind.Utc)));
        Assert.Contains("poniedziałek 9:00–17:00, środa 10:30–14:00", WebUtility.HtmlDecode(await App.Browser().GetStringAsync("/czat")), StringComparison.Ordinal);
        Assert.True(await App.QueryAsync(db => db.AuditEvents.AnyAsync(e => e.Action == AuditActions.ChatHoursChanged && e.Detail == "1=09:00-17:00;3=10:30-14:00")));
        var operatorBrowser = await App.StaffAsync(StaffRoles.Operator);
        Assert.Equal(HttpStatusCode.Forbidden, (await operatorBrowser.GetAsync("/office/chat/hours")).StatusCode);
    }

    [Fact]
    public async Task A_person_left_waiting_during_hours_is_offered_to_leave_a_message()
    {
        await OnDutyAsync();
        var visitor = NewBrowser();
        var id = await StartChatAsync(visitor, $"Czy ktoś tu jest? {Guid.NewGuid():N}");
        Assert.DoesNotContain("Nikt jeszcze nie odpowiedział.", WebUtility.HtmlDecode(await visitor.Client.GetStringAsync("/czat")), StringComparison.Ordinal);
        var tenMinutesAgo = DateTime.UtcNow.AddMinutes(-10);
        await App.QueryAsync(db => db.ChatConversations.Where(c => c.Id == id).ExecuteUpdateAsync(s => s.SetProperty(c => c.LastVisitorMessageAt, tenMinutesAgo)));
        var page = WebUtility.HtmlDecode(await visitor.Client.GetStringAsync("/czat"));
        Assert.Contains("Nikt jeszcze nie odpowiedział.", page, StringComparison.Ordinal);
        Assert.Contains("Adres e-mail do odpowiedzi", page, StringComparison.Ordinal);
        // The chat itself stays open to write in.
        Assert.Contains("Twoja wiadomość", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_transcript_lives_and_dies_with_its_request_and_an_unlinked_one_is_kept_like_a_request_file()
    {
        await OnDutyAsync();
        var unlinked = await StartChatAsync(NewBrowser(), $"Bez zgłoszenia {Guid.NewGuid():N}");
        var linked = await StartChatAsync(NewBrowser(), $"Ze zgłoszeniem {Guid.NewGuid():N}");
        var number = await App.SubmitAcceptedAsync(App.Browser(), new DpoDeskApp.RequestInput("Olga Okresowa", DpoDeskApp.UniqueEmail("okresowa")));
        var requestId = await App.RequestIdAsync(number);
        await App.QueryAsync(db => db.ChatConversations.Where(c => c.Id == linked).ExecuteUpdateAsync(s => s.SetProperty(c => c.RequestId, requestId)));
        var closedAt = new DateTime(2026, 6, 15, 10, 0, 0, DateTimeKind.Utc);
        await App.QueryAsync(db => db.ChatConversations.Where(c => c.Id == unlinked || c.Id == linked)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.State, ConversationState.Closed).SetProperty(c => c.ClosedAt, closedAt).SetProperty(c => c.LastMessageAt, closedAt)));

        Task<int> PurgeAsync(DateTime now) => App.QueryAsync(db => ChatRetention.PurgeAsync(db, now, ChatRetention.DefaultYears, CancellationToken.None));
        Task<int> MessagesAsync(long id) => App.QueryAsync(db => db.ChatMessages.CountAsync(m => m.ConversationId == id));

        // Closed in 2026: kept through the end of 2029.
        await PurgeAsync(new DateTime(2029, 12, 31, 12, 0, 0, DateTimeKind.Utc));
        Assert.Equal(1, await MessagesAsync(unlinked));
        await PurgeAsync(new DateTime(2030, 1, 1, 12, 0, 0, DateTimeKind.Utc));
        Assert.Equal(0, await MessagesAsync(unlinked));
        // Linked: as long as its request keeps its personal data, however long.
        Assert.Equal(1, await MessagesAsync(linked));
        await App.QueryAsync(db => db.Requests.Where(r => r.Id == requestId).ExecuteUpdateAsync(s => s.SetProperty(r => r.PurgedAt, DateTime.UtcNow)));
        await PurgeAsync(DateTime.UtcNow);
        Assert.Equal(0, await MessagesAsync(linked));
        Assert.True(await App.QueryAsync(db => db.ChatConversations.AnyAsync(c => c.Id == linked && c.PurgedAt != null)));
    }
}

public sealed class ChatTestsOnSqlite(SqliteApp app) : ChatTests<SqliteApp>(app);

public sealed class ChatTestsOnPostgres(PostgresApp app) : ChatTests<PostgresApp>(app);

/// <summary>Starting chats and leaving messages store something for anyone: limited per address, like the request form.</summary>
public sealed class ChatAbuseTests : IAsyncLifetime
{
    readonly DpoDeskApp _app = new() { Settings = { ["RateLimits:FormPerHour"] = "2" } };

    public ValueTask InitializeAsync() => _app.InitializeAsync();

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task Leaving_messages_is_limited_per_address_and_the_flood_is_not_stored()
    {
        var browser = _app.Browser();
        var senders = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var email = DpoDeskApp.UniqueEmail("zalewajacy");
            senders.Add(email);
            using var left = await DpoDeskApp.PostFormAsync(browser, "/czat", [new("email", email), new("question", "Pytanie?")], "/czat?handler=Leave");
            Assert.Equal(i < 2 ? HttpStatusCode.Redirect : HttpStatusCode.TooManyRequests, left.StatusCode);
        }
        Assert.Equal(2, await _app.QueryAsync(db => db.Inquiries.CountAsync(i => senders.Contains(i.FromAddress))));
        // Reading the page is not limited.
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/czat")).StatusCode);
    }
}
