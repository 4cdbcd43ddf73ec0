using DpoDesk.Knowledge;
using DpoDesk.Training;
using static DpoDesk.Web.Localization.Text;

namespace DpoDesk.Web.Learning;

/// <summary>The knowledge base's and the training's states and errors in the user's language.</summary>
public static class LearningText
{
    public static string StatusText(TrainingStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        return status.State switch
        {
            TrainingState.NeverTaken => T("Nieukończone"),
            TrainingState.Valid => TF("Ważne do {0}", DateText(status.ValidUntil!.Value)),
            TrainingState.DueSoon => TF("Do odnowienia do {0}", DateText(status.ValidUntil!.Value)),
            _ => TF("Zaległe od {0}", DateText(status.ValidUntil!.Value.AddDays(1))),
        };
    }

    public static string StatusClass(TrainingState state) => state switch
    {
        TrainingState.Valid => "status-ok",
        TrainingState.DueSoon => "late",
        _ => "overdue",
    };

    public static string AudienceName(Audience audience) => audience == Audience.Licensees ? T("Licencjobiorcy") : T("Osoby, których dane dotyczą");

    public static string LanguageName(string language) => language == "en" ? T("angielski") : T("polski");

    public static string ArticleErrorText(ArticleError error) => error switch
    {
        ArticleError.SlugInvalid => T("Adres artykułu: tylko małe litery bez polskich znaków, cyfry i łączniki, najwyżej 80 znaków, np. twoje-prawa."),
        ArticleError.SlugTaken => T("Artykuł o tym adresie już istnieje."),
        ArticleError.TitleRequired => T("Podaj tytuł."),
        ArticleError.TitleTooLong => T("Tytuł może mieć najwyżej 200 znaków."),
        ArticleError.TextRequired => T("Napisz treść artykułu."),
        ArticleError.TextTooLong => T("Treść może mieć najwyżej 100 000 znaków."),
        _ => T("Wybierz język: polski albo angielski."),
    };

    public static string QuizErrorText(QuizProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        return problem.Error switch
        {
            QuizError.NoQuestions => T("Test musi mieć co najmniej jedno pytanie (wiersz zaczynający się od „?”)."),
            QuizError.OptionBeforeQuestion => TF("Wiersz {0}: odpowiedź przed pierwszym pytaniem.", problem.Line),
            QuizError.TooFewOptions => TF("Pytanie w wierszu {0} ma mniej niż 2 odpowiedzi.", problem.Line),
            QuizError.TooManyOptions => TF("Pytanie w wierszu {0} ma więcej niż 5 odpowiedzi.", problem.Line),
            QuizError.NotOneCorrect => TF("Pytanie w wierszu {0} musi mieć dokładnie jedną dobrą odpowiedź (oznaczoną „*”).", problem.Line),
            _ => TF("Wiersz {0}: zacznij go od „?” (pytanie), „-” (zła odpowiedź) albo „*” (dobra odpowiedź).", problem.Line),
        };
    }
}
