using DpoDesk.Knowledge;
using DpoDesk.Training;

namespace DpoDesk.Tests;

/// <summary>The course editor's plain-text formats, the training states, and the diff of article versions.</summary>
public sealed class LearningContentTests
{
    [Fact]
    public void Lessons_start_at_each_top_level_heading_and_keep_their_markdown()
    {
        var lessons = CourseContent.ParseLessons("# Pierwsza\n\nTreść **jeden**.\n\n## Podtytuł\n\n```\n# nie lekcja\n```\n# Druga\nTreść dwa.");
        Assert.Equal(["Pierwsza", "Druga"], lessons.Select(l => l.Title));
        Assert.Contains("## Podtytuł", lessons[0].Markdown, StringComparison.Ordinal);
        Assert.Contains("# nie lekcja", lessons[0].Markdown, StringComparison.Ordinal);
        Assert.Equal("Treść dwa.", lessons[1].Markdown);
    }

    [Fact]
    public void A_quiz_needs_two_to_five_options_with_exactly_one_right_and_says_which_line_is_wrong()
    {
        var (questions, problems) = CourseContent.ParseQuiz("? Ile?\n- jeden\n* dwa\n\n? Kto?\n- ja\n- ty\n\n? Co?\n* a\n\nbłąd");
        Assert.Single(questions);
        Assert.Equal(1, questions[0].Correct);
        Assert.Equal([new QuizProblem(5, QuizError.NotOneCorrect), new QuizProblem(12, QuizError.UnknownLine), new QuizProblem(9, QuizError.TooFewOptions)], problems);
        Assert.Equal(QuizError.NoQuestions, Assert.Single(CourseContent.ParseQuiz("").Problems).Error);
        Assert.Equal(QuizError.TooManyOptions, Assert.Single(CourseContent.ParseQuiz("? X\n* 1\n- 2\n- 3\n- 4\n- 5\n- 6").Problems).Error);
    }

    [Theory]
    [InlineData(null, TrainingState.NeverTaken)]
    [InlineData("2027-03-31", TrainingState.Valid)]
    [InlineData("2027-01-31", TrainingState.DueSoon)]
    [InlineData("2027-01-01", TrainingState.DueSoon)]
    [InlineData("2026-12-31", TrainingState.Overdue)]
    public void A_course_is_due_soon_thirty_days_before_it_runs_out_and_overdue_the_day_after(string? validUntil, TrainingState expected)
    {
        var today = new DateOnly(2027, 1, 1);
        Assert.Equal(expected, TrainingDesk.Status(validUntil is null ? null : DateOnly.Parse(validUntil, System.Globalization.CultureInfo.InvariantCulture), today).State);
    }

    [Fact]
    public void The_diff_of_two_versions_shows_the_removed_and_the_added_lines_in_place()
    {
        var diff = TextDiff.Lines("a\nb\nc\n", "a\nB\nc\nd\n");
        Assert.Equal(
            [new DiffLine(DiffKind.Same, "a"), new DiffLine(DiffKind.Removed, "b"), new DiffLine(DiffKind.Added, "B"), new DiffLine(DiffKind.Same, "c"), new DiffLine(DiffKind.Added, "d")],
            diff);
    }

    [Fact]
    public void Markdown_comes_out_sanitised_with_the_first_heading_level_below_the_page_title()
    {
        var html = MarkdownText.ToSafeHtml("# Tytuł\n\n[x](javascript:alert(1)) [y](https://uodo.gov.pl) <b onclick=\"z()\">b</b>");
        Assert.Contains("<h2>Tytuł</h2>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("javascript:", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"https://uodo.gov.pl\">y</a>", html, StringComparison.Ordinal);
    }
}
