using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using CommerceSync.Services;

namespace CommerceSync
{
    /// <summary>
    /// Loads async customers from CSV or JSON Lines files, read in C# and written a chunk per transaction: the fast way to
    /// do what <c>Import-Csv file.csv | New-AsyncCustomer</c> does, with the same columns, checks and defaults.
    /// </summary>
    [Cmdlet(VerbsData.Import, "AsyncCustomer", SupportsShouldProcess = true, DefaultParameterSetName = "Path")]
    [OutputType(typeof(CustomerImportResult))]
    public sealed class ImportAsyncCustomer : CommerceCmdlet
    {
        private const string Activity = "Import-AsyncCustomer";

        /// <summary>The files to read; wildcards are expanded.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ParameterSetName = "Path")]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string[] Path { get; set; }

        /// <summary>The files to read, exactly as written (no wildcards); what Get-ChildItem pipes in.</summary>
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, ParameterSetName = "LiteralPath")]
        [Alias("PSPath", "LP")]
        [ValidateNotNullOrEmpty]
        public string[] LiteralPath { get; set; }

        /// <summary>The channel of rows that name none (no Channel column, or an empty one). A row's own channel wins.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("ChannelId")]
        [ArgumentCompleter(typeof(ChannelIdCompleter))]
        [ValidateNotNullOrEmpty]
        public string Channel { get; set; }

        /// <summary>CSV or JSON Lines. Default: by the extension (.jsonl and .ndjson are JSON Lines, the rest CSV).</summary>
        [Parameter]
        public ImportFormat Format { get; set; }

        /// <summary>The CSV field separator. Default: what the header line uses (comma, tab, semicolon or pipe).</summary>
        [Parameter]
        public char Delimiter { get; set; }

        /// <summary>The file's text encoding (utf8, unicode, latin1, ... or a code page number). Default: UTF-8, or what its byte order mark says.</summary>
        [Parameter]
        [ArgumentCompleter(typeof(EncodingCompleter))]
        [ValidateNotNullOrEmpty]
        public string Encoding { get; set; }

        /// <summary>Rows per transaction (default 10,000): a crash loses at most the chunk being written, never half of one.</summary>
        [Parameter]
        [ValidateRange(1, 1000000)]
        public int ChunkSize { get; set; } = AsyncCustomerImport.DefaultChunkSize;

        protected override void ProcessCommerceRecord()
        {
            var literal = ParameterSetName == "LiteralPath";
            foreach (var given in (literal ? LiteralPath : Path) ?? Array.Empty<string>())
            {
                foreach (var file in Resolve(given, literal))
                {
                    ImportFile(file);
                }
            }
        }

        private IEnumerable<string> Resolve(string given, bool literal)
        {
            try
            {
                if (literal) return new[] { SessionState.Path.GetUnresolvedProviderPathFromPSPath(given) };
                return GetResolvedProviderPathFromPSPath(given, out _);
            }
            catch (ItemNotFoundException ex)
            {
                WriteCommerceError(new ErrorRecord(ex, "PathNotFound", ErrorCategory.ObjectNotFound, given));
                return Array.Empty<string>();
            }
        }

        private void ImportFile(string file)
        {
            if (!System.IO.File.Exists(file))
            {
                WriteCommerceError(new ErrorRecord(new System.IO.FileNotFoundException("Cannot find the file '" + file + "'.", file), "PathNotFound", ErrorCategory.ObjectNotFound, file));
                return;
            }
            if (!ShouldProcess(file, "Import async customers")) return;
            var options = new ImportOptions
            {
                Path = file,
                Format = Format,
                Delimiter = MyInvocation.BoundParameters.ContainsKey(nameof(Delimiter)) ? Delimiter : (char?)null,
                Encoding = Encoding == null ? null : Terminating(() => EncodingCompleter.Parse(Encoding), Encoding),
                Channel = Channel,
                ChunkSize = ChunkSize,
            };
            var name = System.IO.Path.GetFileName(file);
            var result = Terminating(() => new AsyncCustomerImport(Session.Database).Run(options,
                (line, ex) => WriteCommerceError(new ErrorRecord(ex, ex.ErrorId, Category(ex.Kind), file + ":" + line.ToString(CultureInfo.InvariantCulture))
                {
                    ErrorDetails = new ErrorDetails("Line " + line.ToString(CultureInfo.InvariantCulture) + " of " + name + ": " + ex.Message),
                }),
                (percent, rows) =>
                {
                    if (Cancellation.IsCancellationRequested) throw new PipelineStoppedException();
                    Progress(Activity, name + ": " + rows.ToString("N0", CultureInfo.CurrentCulture) + " rows read", percent);
                }), file);
            CompleteProgress(Activity);
            if (result.IgnoredColumns.Length > 0)
            {
                WriteWarning("The file's " + (result.IgnoredColumns.Length == 1 ? "column " : "columns ") + string.Join(", ", result.IgnoredColumns.Select(c => "'" + c + "'")) +
                    (result.IgnoredColumns.Length == 1 ? " is" : " are") + " no field of a customer and " + (result.IgnoredColumns.Length == 1 ? "was" : "were") +
                    " not read. The columns are those New-AsyncCustomer binds: " + string.Join(", ", AsyncCustomerImport.Columns.Keys) + ".");
            }
            var summary = "Import-AsyncCustomer " + name + ": " + result.Rows + " rows, " + result.Created + " created, " + result.Failed + " failed, in " +
                result.Duration.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s.";
            WriteVerbose(summary);
            WriteInformation(summary, new[] { "CommerceSync" });
            WriteObject(result);
        }
    }
}
