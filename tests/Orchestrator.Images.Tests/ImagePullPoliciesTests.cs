namespace Orchestrator.Images.Tests;

public sealed class ImagePullPoliciesTests
{
    private const string Digest = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    [Theory]
    // The API server's defaulting: a tag of "latest", written or implied, means Always; anything else IfNotPresent.
    [InlineData("busybox", ImagePullPolicy.Always)]
    [InlineData("busybox:latest", ImagePullPolicy.Always)]
    [InlineData("busybox:1.36", ImagePullPolicy.IfNotPresent)]
    [InlineData("busybox@" + Digest, ImagePullPolicy.IfNotPresent)]
    [InlineData("busybox:1.36@" + Digest, ImagePullPolicy.IfNotPresent)]
    [InlineData("busybox:latest@" + Digest, ImagePullPolicy.Always)]
    [InlineData("127.0.0.1:5000/bb", ImagePullPolicy.Always)]
    public void The_default_policy_is_always_for_latest_and_if_not_present_otherwise(string image, ImagePullPolicy expected)
    {
        Assert.Equal(expected, ImagePullPolicies.DefaultFor(ImageReference.Parse(image)));
    }

    [Theory]
    [InlineData(null, "busybox", ImagePullPolicy.Always)]
    [InlineData("", "busybox:1", ImagePullPolicy.IfNotPresent)]
    [InlineData("Never", "busybox", ImagePullPolicy.Never)]
    [InlineData("IfNotPresent", "busybox", ImagePullPolicy.IfNotPresent)]
    [InlineData("Always", "busybox:1", ImagePullPolicy.Always)]
    public void A_spec_policy_is_taken_as_written_and_defaulted_when_empty(string? policy, string image, ImagePullPolicy expected)
    {
        Assert.Equal(expected, ImagePullPolicies.Parse(policy, ImageReference.Parse(image)));
    }

    [Fact]
    public void An_unknown_policy_names_the_valid_ones()
    {
        var error = Assert.Throws<ArgumentException>(() => ImagePullPolicies.Parse("always", ImageReference.Parse("busybox")));

        Assert.Contains("Always, IfNotPresent or Never", error.Message, StringComparison.Ordinal);
    }
}
