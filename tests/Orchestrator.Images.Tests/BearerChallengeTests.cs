namespace Orchestrator.Images.Tests;

public sealed class BearerChallengeTests
{
    [Fact]
    public void Docker_hubs_challenge_gives_realm_service_and_scope()
    {
        var challenge = BearerChallenge.Parse("""realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/busybox:pull" """);

        Assert.Equal(new BearerChallenge("https://auth.docker.io/token", "registry.docker.io", "repository:library/busybox:pull"), challenge);
        Assert.Equal(
            "https://auth.docker.io/token?service=registry.docker.io&scope=repository%3Alibrary%2Fbusybox%3Apull",
            challenge!.TokenUri("ignored").AbsoluteUri);
    }

    [Fact]
    public void A_quoted_value_may_hold_commas_and_unquoted_values_are_read_to_the_next_comma()
    {
        var challenge = BearerChallenge.Parse("""realm=https://r.example/t?x=1, scope="repository:a:pull,push" """);

        Assert.Equal(new BearerChallenge("https://r.example/t?x=1", null, "repository:a:pull,push"), challenge);
        Assert.Equal("https://r.example/t?x=1&scope=repository%3Aa%3Apull%2Cpush", challenge!.TokenUri("ignored").AbsoluteUri);
    }

    [Fact]
    public void A_challenge_without_scope_asks_for_the_pull_scope_of_the_repository()
    {
        var challenge = BearerChallenge.Parse("""realm="https://ghcr.io/token",service="ghcr.io" """);

        Assert.Equal("https://ghcr.io/token?service=ghcr.io&scope=repository%3Aorg%2Fapp%3Apull", challenge!.TokenUri("repository:org/app:pull").AbsoluteUri);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("""service="x" """)]
    public void A_challenge_without_a_realm_is_not_one(string? parameters)
    {
        Assert.Null(BearerChallenge.Parse(parameters));
    }
}
