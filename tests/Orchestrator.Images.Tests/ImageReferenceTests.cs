namespace Orchestrator.Images.Tests;

public sealed class ImageReferenceTests
{
    private const string Hex = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";

    [Theory]
    // input, registry, repository, tag, digest: normalised as `docker pull` and kubelet do
    [InlineData("busybox", "docker.io", "library/busybox", "latest", null)]
    [InlineData("busybox:1.36", "docker.io", "library/busybox", "1.36", null)]
    [InlineData("team/app", "docker.io", "team/app", "latest", null)]
    [InlineData("docker.io/busybox", "docker.io", "library/busybox", "latest", null)]
    [InlineData("index.docker.io/library/busybox:1", "docker.io", "library/busybox", "1", null)]
    [InlineData("127.0.0.1:5000/tools/bb:1.36", "127.0.0.1:5000", "tools/bb", "1.36", null)]
    [InlineData("localhost/bb", "localhost", "bb", "latest", null)]
    [InlineData("localhost:5000/bb", "localhost:5000", "bb", "latest", null)]
    [InlineData("ghcr.io/org/sub/app:v1.2.3-rc_1", "ghcr.io", "org/sub/app", "v1.2.3-rc_1", null)]
    [InlineData("[::1]:5000/bb:2", "[::1]:5000", "bb", "2", null)]
    [InlineData("host.example/repo@sha256:" + Hex, "host.example", "repo", null, "sha256:" + Hex)]
    [InlineData("host.example/repo:tag@sha256:" + Hex, "host.example", "repo", "tag", "sha256:" + Hex)]
    [InlineData("busybox@sha256:" + Hex, "docker.io", "library/busybox", null, "sha256:" + Hex)]
    [InlineData("a.b/c__d/e-f.g_h:T", "a.b", "c__d/e-f.g_h", "T", null)]
    public void A_valid_reference_is_normalised_as_docker_does(string image, string registry, string repository, string? tag, string? digest)
    {
        var reference = ImageReference.Parse(image);

        Assert.Equal((registry, repository, tag, digest), (reference.Registry, reference.Repository, reference.Tag, reference.Digest));
    }

    [Theory]
    [InlineData("busybox", "docker.io/library/busybox:latest")]
    [InlineData("127.0.0.1:5000/tools/bb:1.36", "127.0.0.1:5000/tools/bb:1.36")]
    [InlineData("h.io/r:t@sha256:" + Hex, "h.io/r:t@sha256:" + Hex)]
    public void The_canonical_form_names_registry_repository_tag_and_digest(string image, string canonical)
    {
        Assert.Equal(canonical, ImageReference.Parse(image).ToString());
        Assert.Equal(ImageReference.Parse(image), ImageReference.Parse(canonical));
    }

    [Theory]
    // input, a fragment of the reason a person can act on
    [InlineData("", "empty")]
    [InlineData("Busybox", "must be lowercase")]
    [InlineData("registry.example/Team/app", "must be lowercase")]
    [InlineData("busybox:", "tag \"\" is not valid")]
    [InlineData("busybox:-bad", "tag \"-bad\" is not valid")]
    [InlineData("busybox@sha256:abc", "64 lowercase hex digits")]
    [InlineData("busybox@sha512:abc", "only sha256 digests are")]
    [InlineData("busybox@sha256:" + "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "64 lowercase hex digits")]
    [InlineData("host.example//repo", "empty path component")]
    [InlineData("host.example/repo/", "empty path component")]
    [InlineData("bad.example:99999/repo", "port outside 1-65535")]
    [InlineData("-bad.example/repo", "not a valid host")]
    [InlineData("repo--", "is not valid")]
    [InlineData("bus box", "whitespace")]
    [InlineData(Hex, "image ID, not a reference")]
    [InlineData(":tag", "no repository name")]
    public void An_invalid_reference_says_what_is_wrong(string image, string reason)
    {
        var error = Assert.Throws<InvalidImageReferenceException>(() => ImageReference.Parse(image));

        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.StartsWith($"invalid image reference \"{image}\"", error.Message, StringComparison.Ordinal);
        Assert.False(ImageReference.TryParse(image, out _, out _));
    }

    [Fact]
    public void A_name_longer_than_255_characters_is_refused()
    {
        var error = Assert.Throws<InvalidImageReferenceException>(() => ImageReference.Parse("r.io/" + new string('a', 251)));

        Assert.Contains("longer than 255", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_manifest_endpoint_is_asked_for_the_digest_when_one_is_pinned()
    {
        Assert.Equal("sha256:" + Hex, ImageReference.Parse("r.io/a:1@sha256:" + Hex).ManifestReference);
        Assert.Equal("1", ImageReference.Parse("r.io/a:1").ManifestReference);
        Assert.Equal("r.io/a@sha256:" + Hex, ImageReference.Parse("r.io/a:1").WithDigest("sha256:" + Hex).ToString());
    }
}
