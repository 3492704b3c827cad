using System.Reflection;

namespace ArtSouk.ArchitectureTests;

/// <summary>Dependencies point down: Host -> modules -> Kernel; Cms references no commercial module; nothing references the Host.</summary>
public sealed class DependencyTests
{
    private static readonly string[] Modules = ["ArtSouk.Accounts", "ArtSouk.Cms", "ArtSouk.Cms.Delivery", "ArtSouk.Manager", "ArtSouk.Search",
        "ArtSouk.Commerce", "ArtSouk.Auctions", "ArtSouk.Community", "ArtSouk.Notifications", "ArtSouk.Themes.Souk"];

    /// <summary>Which of our assemblies each one may reference; anything else is a wrong-way dependency.</summary>
    private static readonly Dictionary<string, string[]> Allowed = new()
    {
        ["ArtSouk.Kernel"] = [],
        ["ArtSouk.Cms"] = ["ArtSouk.Kernel"],
        ["ArtSouk.Cms.Delivery"] = ["ArtSouk.Kernel", "ArtSouk.Cms"],
        ["ArtSouk.Accounts"] = ["ArtSouk.Kernel"],
        ["ArtSouk.Search"] = ["ArtSouk.Kernel", "ArtSouk.Cms"],
        ["ArtSouk.Commerce"] = ["ArtSouk.Kernel", "ArtSouk.Cms", "ArtSouk.Accounts", "ArtSouk.Notifications"],
        ["ArtSouk.Auctions"] = ["ArtSouk.Kernel", "ArtSouk.Cms", "ArtSouk.Commerce", "ArtSouk.Accounts", "ArtSouk.Notifications"],
        ["ArtSouk.Community"] = ["ArtSouk.Kernel", "ArtSouk.Cms", "ArtSouk.Accounts", "ArtSouk.Notifications"],
        ["ArtSouk.Notifications"] = ["ArtSouk.Kernel"],
        // The manager is a client of the management HTTP API: rules, audit and errors stay in the modules that own them.
        ["ArtSouk.Manager"] = ["ArtSouk.Kernel"],
        // The public site reads content through the CMS's public reading contract (ContentReader), never a DbContext,
        // and searches through the search module's port (ISearchIndex); prices come through a Kernel port, not Commerce.
        ["ArtSouk.Themes.Souk"] = ["ArtSouk.Kernel", "ArtSouk.Cms", "ArtSouk.Search"],
    };

    public static TheoryData<string> OurAssemblies()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(AppContext.BaseDirectory, "ArtSouk.*.dll").Select(Path.GetFileNameWithoutExtension).Order())
        {
            if (file is not null && file != "ArtSouk.Host" && !file.EndsWith("Tests", StringComparison.Ordinal))
            {
                data.Add(file);
            }
        }
        data.Add("ArtSouk.Kernel");
        return data;
    }

    [Theory]
    [MemberData(nameof(OurAssemblies))]
    public void Each_assembly_references_only_what_the_architecture_allows(string name)
    {
        Assert.True(Allowed.ContainsKey(name), $"{name} is not in the architecture map; add it to ARCHITECTURE.md and this test");
        var references = Assembly.Load(name).GetReferencedAssemblies().Select(r => r.Name!).Where(r => r.StartsWith("ArtSouk.", StringComparison.Ordinal)).ToList();
        Assert.Empty(references.Except(Allowed[name]));
    }

    [Theory]
    [MemberData(nameof(OurAssemblies))]
    public void No_module_references_the_manager(string name)
    {
        var references = Assembly.Load(name).GetReferencedAssemblies().Select(r => r.Name!);
        Assert.DoesNotContain("ArtSouk.Manager", references);
    }

    [Fact]
    public void The_host_composes_the_modules_that_exist()
    {
        var host = Assembly.Load("ArtSouk.Host").GetReferencedAssemblies().Select(r => r.Name!).ToHashSet();
        var existing = Modules.Where(m => File.Exists(Path.Combine(AppContext.BaseDirectory, m + ".dll"))).ToList();
        Assert.NotEmpty(existing);
        Assert.All(existing, m => Assert.Contains(m, host));
    }

    [Fact]
    public void Commerce_never_references_auctions_and_the_cms_references_neither()
    {
        Assert.DoesNotContain("ArtSouk.Auctions", Assembly.Load("ArtSouk.Commerce").GetReferencedAssemblies().Select(r => r.Name));
        var cms = Assembly.Load("ArtSouk.Cms").GetReferencedAssemblies().Select(r => r.Name).ToList();
        Assert.DoesNotContain("ArtSouk.Auctions", cms);
        Assert.DoesNotContain("ArtSouk.Commerce", cms);
        Assert.Contains("ArtSouk.Commerce", Assembly.Load("ArtSouk.Auctions").GetReferencedAssemblies().Select(r => r.Name));
    }

    [Fact]
    public void Module_entities_and_contexts_stay_internal()
    {
        foreach (var name in new[] { "ArtSouk.Cms", "ArtSouk.Accounts", "ArtSouk.Commerce", "ArtSouk.Auctions" })
        {
            var leaked = Assembly.Load(name).GetExportedTypes()
                .Where(t => typeof(Microsoft.EntityFrameworkCore.DbContext).IsAssignableFrom(t)).Select(t => t.FullName).ToList();
            Assert.Empty(leaked);
        }
    }
}
