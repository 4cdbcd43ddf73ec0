namespace DpoDesk.Training;

public sealed record Lesson(string Title, string Markdown);

public sealed record QuizQuestion(string Text, IReadOnlyList<string> Options, int Correct);

/// <summary>What is wrong with a quiz's text, and on which line.</summary>
public sealed record QuizProblem(int Line, QuizError Error);

public enum QuizError
{
    NoQuestions = 1,
    OptionBeforeQuestion,
    TooFewOptions,
    TooManyOptions,
    NotOneCorrect,
    UnknownLine,
}

/// <summary>
/// The plain-text formats the course editor uses, so that it works as one form without scripts. Lessons:
/// Markdown, each lesson starting with a "# Title" line. Quiz: a "? Question" line, then 2–5 options,
/// "- wrong" or "* right", exactly one right; blank lines between questions.
/// </summary>
public static class CourseContent
{
    public const int MinOptions = 2;
    public const int MaxOptions = 5;

    public static IReadOnlyList<Lesson> ParseLessons(string? markdown)
    {
        var lessons = new List<Lesson>();
        string? title = null;
        var body = new List<string>();
        var inFence = false;
        foreach (var line in (markdown ?? "").ReplaceLineEndings("\n").Split('\n'))
        {
            if (line.TrimStart().StartsWith("```", StringComparison.Ordinal))
                inFence = !inFence;
            if (!inFence && line.StartsWith("# ", StringComparison.Ordinal))
            {
                if (title is not null)
                    lessons.Add(new Lesson(title, string.Join('\n', body).Trim()));
                title = line[2..].Trim();
                body.Clear();
            }
            else if (title is not null)
            {
                body.Add(line);
            }
        }
        if (title is not null)
            lessons.Add(new Lesson(title, string.Join('\n', body).Trim()));
        return lessons;
    }

    public static (IReadOnlyList<QuizQuestion> Questions, IReadOnlyList<QuizProblem> Problems) ParseQuiz(string? text)
    {
        var questions = new List<QuizQuestion>();
        var problems = new List<QuizProblem>();
        string? question = null;
        var questionLine = 0;
        var options = new List<string>();
        var correct = new List<int>();
        void Close()
        {
            if (question is null)
                return;
            if (options.Count < MinOptions)
                problems.Add(new QuizProblem(questionLine, QuizError.TooFewOptions));
            else if (options.Count > MaxOptions)
                problems.Add(new QuizProblem(questionLine, QuizError.TooManyOptions));
            else if (correct.Count != 1)
                problems.Add(new QuizProblem(questionLine, QuizError.NotOneCorrect));
            else
                questions.Add(new QuizQuestion(question, options.ToList(), correct[0]));
            question = null;
            options.Clear();
            correct.Clear();
        }
        var number = 0;
        foreach (var raw in (text ?? "").ReplaceLineEndings("\n").Split('\n'))
        {
            number++;
            var line = raw.Trim();
            if (line.Length == 0)
                continue;
            if (line.StartsWith('?'))
            {
                Close();
                question = line[1..].Trim();
                questionLine = number;
            }
            else if (line.StartsWith('-') || line.StartsWith('*'))
            {
                if (question is null)
                {
                    problems.Add(new QuizProblem(number, QuizError.OptionBeforeQuestion));
                    continue;
                }
                if (line.StartsWith('*'))
                    correct.Add(options.Count);
                options.Add(line[1..].Trim());
            }
            else
            {
                problems.Add(new QuizProblem(number, QuizError.UnknownLine));
            }
        }
        Close();
        if (questions.Count == 0 && problems.Count == 0)
            problems.Add(new QuizProblem(0, QuizError.NoQuestions));
        return (questions, problems);
    }
}
