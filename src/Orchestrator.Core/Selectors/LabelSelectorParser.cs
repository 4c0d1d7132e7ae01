using Orchestrator.Core.Validation;

namespace Orchestrator.Core.Selectors;

/// <summary>
/// The lexer and recursive-descent parser of apimachinery's labels.Parse, re-derived token for token so that
/// what Kubernetes accepts, rejects and says about it carries over.
/// </summary>
internal sealed class LabelSelectorParser
{
    private const string BinaryOperators = "in, notin, =, ==, !=, gt, lt";

    private static readonly Dictionary<string, Token> Literals = new(StringComparer.Ordinal)
    {
        [")"] = Token.ClosedPar,
        [","] = Token.Comma,
        ["!"] = Token.DoesNotExist,
        ["=="] = Token.DoubleEquals,
        ["="] = Token.Equals,
        [">"] = Token.GreaterThan,
        ["in"] = Token.In,
        ["<"] = Token.LessThan,
        ["!="] = Token.NotEquals,
        ["notin"] = Token.NotIn,
        ["("] = Token.OpenPar,
    };

    private readonly List<(Token Token, string Literal)> _items;
    private int _position;

    private LabelSelectorParser(string text)
    {
        _items = Lexer.Scan(text);
    }

    private enum Token
    {
        Error,
        EndOfString,
        ClosedPar,
        Comma,
        DoesNotExist,
        DoubleEquals,
        Equals,
        GreaterThan,
        Identifier,
        In,
        LessThan,
        NotEquals,
        NotIn,
        OpenPar,
    }

    // 'in' and 'notin' are keywords after a key but ordinary identifiers where a key or value is expected.
    private enum Context
    {
        KeyAndOperator,
        Values,
    }

    /// <summary>Parses the whole text into requirements, sorted by key; throws <see cref="SelectorException"/>.</summary>
    public static List<LabelRequirement> Parse(string text)
    {
        var requirements = new LabelSelectorParser(text).ParseRequirements();
        return [.. requirements.OrderBy(r => r.Key, StringComparer.Ordinal)];
    }

    private List<LabelRequirement> ParseRequirements()
    {
        var requirements = new List<LabelRequirement>();
        while (true)
        {
            var (token, literal) = Lookahead(Context.Values);
            switch (token)
            {
                case Token.Identifier or Token.DoesNotExist:
                    try
                    {
                        requirements.Add(ParseRequirement());
                    }
                    catch (SelectorException e)
                    {
                        throw new SelectorException("unable to parse requirement: " + e.Message, e);
                    }

                    var (next, nextLiteral) = Consume(Context.Values);
                    switch (next)
                    {
                        case Token.EndOfString:
                            return requirements;
                        case Token.Comma:
                            var (afterComma, afterCommaLiteral) = Lookahead(Context.Values);
                            if (afterComma is not (Token.Identifier or Token.DoesNotExist))
                            {
                                throw new SelectorException($"found '{afterCommaLiteral}', expected: identifier after ','");
                            }

                            break;
                        default:
                            throw new SelectorException($"found '{nextLiteral}', expected: ',' or 'end of string'");
                    }

                    break;
                case Token.EndOfString:
                    return requirements;
                default:
                    throw new SelectorException($"found '{literal}', expected: !, identifier, or 'end of string'");
            }
        }
    }

    private LabelRequirement ParseRequirement()
    {
        var (key, op) = ParseKeyAndInferOperator();
        if (op is LabelOperator.Exists or LabelOperator.DoesNotExist)
        {
            return LabelRequirement.Create(key, op.Value, []);
        }

        op = ParseOperator();
        var values = op is LabelOperator.In or LabelOperator.NotIn ? ParseValues() : ParseExactValue();
        return LabelRequirement.Create(key, op.Value, [.. values.Order(StringComparer.Ordinal)]);
    }

    // A key alone means Exists; '!' before it means DoesNotExist; otherwise the operator follows.
    private (string Key, LabelOperator? Operator) ParseKeyAndInferOperator()
    {
        LabelOperator? op = null;
        var (token, literal) = Consume(Context.Values);
        if (token == Token.DoesNotExist)
        {
            op = LabelOperator.DoesNotExist;
            (token, literal) = Consume(Context.Values);
        }

        if (token != Token.Identifier)
        {
            throw new SelectorException($"found '{literal}', expected: identifier");
        }

        var keyErrors = Names.IsQualifiedName(literal);
        if (keyErrors.Count != 0)
        {
            // labels.Parse validates the key against a nil field path, which Go prints as "<nil>".
            throw new SelectorException(GoFormat.Invalid("<nil>", literal, string.Join("; ", keyErrors)));
        }

        var (next, _) = Lookahead(Context.Values);
        if ((next is Token.EndOfString or Token.Comma) && op != LabelOperator.DoesNotExist)
        {
            op = LabelOperator.Exists;
        }

        return (literal, op);
    }

    private LabelOperator ParseOperator()
    {
        var (token, literal) = Consume(Context.KeyAndOperator);
        return token switch
        {
            Token.In => LabelOperator.In,
            Token.Equals => LabelOperator.Equals,
            Token.DoubleEquals => LabelOperator.DoubleEquals,
            Token.GreaterThan => LabelOperator.GreaterThan,
            Token.LessThan => LabelOperator.LessThan,
            Token.NotIn => LabelOperator.NotIn,
            Token.NotEquals => LabelOperator.NotEquals,
            _ => throw new SelectorException($"found '{literal}', expected: {BinaryOperators}"),
        };
    }

    private HashSet<string> ParseValues()
    {
        var (token, literal) = Consume(Context.Values);
        if (token != Token.OpenPar)
        {
            throw new SelectorException($"found '{literal}' expected: '('");
        }

        (token, literal) = Lookahead(Context.Values);
        switch (token)
        {
            case Token.Identifier or Token.Comma:
                var values = ParseIdentifiersList();
                if (Consume(Context.Values).Token != Token.ClosedPar)
                {
                    throw new SelectorException($"found '{literal}', expected: ')'");
                }

                return values;
            case Token.ClosedPar:
                Consume(Context.Values);
                return [""];
            default:
                throw new SelectorException($"found '{literal}', expected: ',', ')' or identifier");
        }
    }

    // A comma-separated list in which an empty place, as in "(,a)" or "(a,,b)", stands for the empty value.
    private HashSet<string> ParseIdentifiersList()
    {
        var values = new HashSet<string>(StringComparer.Ordinal);
        while (true)
        {
            var (token, literal) = Consume(Context.Values);
            switch (token)
            {
                case Token.Identifier:
                    values.Add(literal);
                    var (next, nextLiteral) = Lookahead(Context.Values);
                    switch (next)
                    {
                        case Token.Comma:
                            continue;
                        case Token.ClosedPar:
                            return values;
                        default:
                            throw new SelectorException($"found '{nextLiteral}', expected: ',' or ')'");
                    }

                case Token.Comma:
                    if (values.Count == 0)
                    {
                        values.Add("");
                    }

                    var (afterComma, _) = Lookahead(Context.Values);
                    if (afterComma == Token.ClosedPar)
                    {
                        values.Add("");
                        return values;
                    }

                    if (afterComma == Token.Comma)
                    {
                        values.Add("");
                    }

                    break;
                default:
                    throw new SelectorException($"found '{literal}', expected: ',', or identifier");
            }
        }
    }

    private HashSet<string> ParseExactValue()
    {
        var (token, _) = Lookahead(Context.Values);
        if (token is Token.EndOfString or Token.Comma)
        {
            return [""];
        }

        (token, var literal) = Consume(Context.Values);
        if (token == Token.Identifier)
        {
            return [literal];
        }

        throw new SelectorException($"found '{literal}', expected: identifier");
    }

    private (Token Token, string Literal) Lookahead(Context context) => InContext(_items[_position], context);

    private (Token Token, string Literal) Consume(Context context) => InContext(_items[_position++], context);

    private static (Token Token, string Literal) InContext((Token Token, string Literal) item, Context context) =>
        context == Context.Values && item.Token is Token.In or Token.NotIn ? (Token.Identifier, item.Literal) : item;

    private sealed class Lexer(string text)
    {
        private int _pos;

        public static List<(Token Token, string Literal)> Scan(string text)
        {
            var lexer = new Lexer(text);
            var items = new List<(Token, string)>();
            while (true)
            {
                var item = lexer.Lex();
                items.Add(item);
                if (item.Token == Token.EndOfString)
                {
                    return items;
                }
            }
        }

        private static bool IsWhitespace(char c) => c is ' ' or '\t' or '\r' or '\n';

        private static bool IsSpecialSymbol(char c) => c is '=' or '!' or '(' or ')' or ',' or '>' or '<';

        // Like Go's reader, NUL stands for the end of input (so an embedded NUL ends the selector).
        private char Read() => _pos < text.Length ? text[_pos++] : '\0';

        private void Unread() => _pos--;

        private (Token Token, string Literal) Lex()
        {
            var c = Read();
            while (IsWhitespace(c))
            {
                c = Read();
            }

            if (c == '\0')
            {
                return (Token.EndOfString, "");
            }

            Unread();
            return IsSpecialSymbol(c) ? ScanSpecialSymbol() : ScanIdentifierOrKeyword();
        }

        private (Token Token, string Literal) ScanIdentifierOrKeyword()
        {
            var start = _pos;
            while (true)
            {
                var c = Read();
                if (c == '\0')
                {
                    break;
                }

                if (IsSpecialSymbol(c) || IsWhitespace(c))
                {
                    Unread();
                    break;
                }
            }

            var literal = text[start.._pos].TrimEnd('\0');
            return Literals.TryGetValue(literal, out var token) ? (token, literal) : (Token.Identifier, literal);
        }

        // The longest run of special symbols that still spells an operator: "!=" rather than "!" then "=".
        private (Token Token, string Literal) ScanSpecialSymbol()
        {
            var start = _pos;
            (Token Token, string Literal) last = (Token.Error, "");
            while (true)
            {
                var c = Read();
                if (c == '\0')
                {
                    break;
                }

                if (!IsSpecialSymbol(c))
                {
                    Unread();
                    break;
                }

                var buffer = text[start.._pos];
                if (Literals.TryGetValue(buffer, out var token))
                {
                    last = (token, buffer);
                }
                else if (last.Token != Token.Error)
                {
                    Unread();
                    break;
                }
            }

            return last.Token == Token.Error ? (Token.Error, $"error expected: keyword found '{text[start.._pos]}'") : last;
        }
    }
}
