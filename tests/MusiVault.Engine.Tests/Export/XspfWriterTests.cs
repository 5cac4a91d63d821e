using System.Diagnostics;
using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;
using MusiVault.Engine.Export;

namespace MusiVault.Engine.Tests.Export;

public sealed class XspfWriterTests
{
    private static readonly XNamespace X = XspfWriter.Namespace;

    [Fact]
    public void Validates_against_the_XSPF_1_schema_in_dotnet()
    {
        var errors = ValidateWithDotnet(ExportSamples.Write(ExportFormat.Xspf));
        Assert.Empty(errors);
    }

    [Fact]
    public void Validates_against_the_XSPF_1_schemas_with_xmllint()
    {
        var xspf = ExportSamples.Write(ExportFormat.Xspf);
        var (xsdCode, xsdOutput) = Xmllint("--schema", XspfSchemas.Xsd, ".xsd", xspf);
        Assert.True(xsdCode == 0, xsdOutput);
        var (rngCode, rngOutput) = Xmllint("--relaxng", XspfSchemas.RelaxNg, ".rng", xspf);
        Assert.True(rngCode == 0, rngOutput);
    }

    [Theory]
    [InlineData("<trackNum>3</trackNum>", "<trackNum>three</trackNum>")]
    [InlineData("<trackList>", "<tracklist>")]
    [InlineData("<album>Best of Six By Seven</album>", "<album>Best of Six By Seven</album><album>twice</album>")]
    [InlineData("<annotation>Local file, no Spotify link</annotation>", "<annotation>Local <b>file</b></annotation>")]
    public void The_schemas_reject_what_the_specification_forbids(string valid, string invalid)
    {
        var xspf = ExportSamples.Write(ExportFormat.Xspf);
        Assert.Contains(valid, xspf, StringComparison.Ordinal);
        var broken = xspf.Replace(valid, invalid, StringComparison.Ordinal);
        if (valid == "<trackList>")
        {
            broken = broken.Replace("</trackList>", "</tracklist>", StringComparison.Ordinal);
        }

        Assert.NotEmpty(ValidateWithDotnet(broken));
        Assert.NotEqual(0, Xmllint("--schema", XspfSchemas.Xsd, ".xsd", broken).Code);
        Assert.NotEqual(0, Xmllint("--relaxng", XspfSchemas.RelaxNg, ".rng", broken).Code);
    }

    [Fact]
    public void Tracks_carry_link_identifiers_and_notes_for_what_has_no_link()
    {
        var document = XDocument.Parse(ExportSamples.Write(ExportFormat.Xspf));
        var playlist = document.Root!;
        Assert.Equal("Road <Trip> & \"Friends\", vol. 1", playlist.Element(X + "title")!.Value);
        Assert.Equal("https://open.spotify.com/playlist/37i9dQZF1DXcBWIGoYBM5M", playlist.Element(X + "info")!.Value);
        Assert.Equal("2026-03-01T12:00:00Z", playlist.Element(X + "date")!.Value);
        Assert.Equal("Line one\nline two <b>not html</b> \uFFFD control", playlist.Element(X + "annotation")!.Value);

        var tracks = playlist.Element(X + "trackList")!.Elements(X + "track").ToList();
        Assert.Equal(ExportSamples.Entries.Count, tracks.Count);

        var crying = tracks[0];
        Assert.Equal("https://open.spotify.com/track/1GrLfs4TEvAZ86HVzXHchS", crying.Element(X + "location")!.Value);
        Assert.Equal(["spotify:track:1GrLfs4TEvAZ86HVzXHchS", "urn:isrc:UK4UP1300002"], crying.Elements(X + "identifier").Select(e => e.Value));
        Assert.Equal("198093", crying.Element(X + "duration")!.Value);
        Assert.Equal("3", crying.Element(X + "trackNum")!.Value);
        Assert.Equal("Best of Six By Seven", crying.Element(X + "album")!.Value);

        var local = tracks[1];
        Assert.Null(local.Element(X + "location"));
        Assert.Equal("Local file, no Spotify link", local.Element(X + "annotation")!.Value);
        Assert.Equal("The Waymores", local.Element(X + "creator")!.Value);
        Assert.Null(local.Element(X + "trackNum")); // 0 is Spotify's "none" for local files

        Assert.Equal("urn:isrc:USSM18100116", tracks[2].Elements(X + "identifier").Last().Value);
        Assert.Equal("https://open.spotify.com/episode/512ojhOuo1ktJprKbVcKyQ", tracks[3].Element(X + "location")!.Value);
        Assert.Equal("The Show, Daily", tracks[3].Element(X + "creator")!.Value);
        Assert.Equal("No longer available on Spotify; last known data", tracks[4].Element(X + "annotation")!.Value);
        Assert.Equal("Removed from the playlist on 2026-02-20T08:00:00Z", tracks[5].Element(X + "annotation")!.Value);
        Assert.Equal("Item unknown to the vault", tracks[6].Element(X + "annotation")!.Value);
    }

    internal static List<string> ValidateWithDotnet(string xspf)
    {
        var schemas = new XmlSchemaSet();
        using (var reader = XmlReader.Create(new StringReader(XspfSchemas.Xsd)))
        {
            schemas.Add(XspfWriter.Namespace, reader);
        }
        var errors = new List<string>();
        var settings = new XmlReaderSettings { ValidationType = ValidationType.Schema, Schemas = schemas };
        settings.ValidationFlags |= XmlSchemaValidationFlags.ReportValidationWarnings;
        settings.ValidationEventHandler += (_, e) => errors.Add($"{e.Severity} line {e.Exception?.LineNumber}: {e.Message}");
        try
        {
            using var reader = XmlReader.Create(new StringReader(xspf), settings);
            while (reader.Read())
            {
            }
        }
        catch (XmlException ex)
        {
            errors.Add("not well-formed: " + ex.Message);
        }
        return errors;
    }

    /// <summary>
    /// Runs xmllint (Debian's libxml2-utils). Missing xmllint fails the test: a schema check that silently does not
    /// run is no check.
    /// </summary>
    internal static (int Code, string Output) Xmllint(string mode, string schema, string schemaExtension, string document)
    {
        var folder = Directory.CreateTempSubdirectory("musivault-xspf-");
        try
        {
            var schemaPath = Path.Join(folder.FullName, "xspf" + schemaExtension);
            var documentPath = Path.Join(folder.FullName, "playlist.xspf");
            File.WriteAllText(schemaPath, schema);
            File.WriteAllText(documentPath, document);
            var start = new ProcessStartInfo("xmllint") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
            foreach (var argument in new[] { "--noout", mode, schemaPath, documentPath })
            {
                start.ArgumentList.Add(argument);
            }
            Process process;
            try
            {
                process = Process.Start(start) ?? throw new InvalidOperationException("xmllint did not start");
            }
            catch (System.ComponentModel.Win32Exception ex)
            {
                Assert.Fail($"xmllint is not installed ({ex.Message}). Install it (Debian: apt-get install libxml2-utils); .ci/run must install it in CI.");
                throw;
            }
            using (process)
            {
                var stderr = process.StandardError.ReadToEndAsync();
                var stdout = process.StandardOutput.ReadToEndAsync();
                Assert.True(process.WaitForExit(TimeSpan.FromMinutes(2)), "xmllint did not finish within 2 minutes");
                return (process.ExitCode, stdout.GetAwaiter().GetResult() + stderr.GetAwaiter().GetResult());
            }
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
