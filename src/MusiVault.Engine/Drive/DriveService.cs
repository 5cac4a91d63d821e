using Google.Apis.Discovery;
using Google.Apis.Download;
using Google.Apis.Http;
using Google.Apis.Requests;
using Google.Apis.Services;
using Google.Apis.Upload;
using Google.Apis.Util;
using Newtonsoft.Json;

namespace MusiVault.Engine.Drive;

/// <summary>
/// The slice of Drive API v3 a backup tool needs: the <c>files</c> resource only. Google.Apis.Drive.v3 is not
/// available to us, so this is built on the same base classes its generated code uses, which gives us Google's
/// retry/back-off handling, gzip request bodies and the resumable upload protocol for free.
/// </summary>
internal sealed class DriveService : BaseClientService
{
    public const string FolderMimeType = "application/vnd.google-apps.folder";

    private readonly string _root;

    public DriveService(Uri root, IConfigurableHttpClientInitializer credential)
        : base(new Initializer
        {
            HttpClientInitializer = credential,
            ApplicationName = "MusiVault",
            GZipEnabled = true,
            // 503 with back-off (Google's default) plus transport exceptions, so a flaky network is retried.
            DefaultExponentialBackOffPolicy = ExponentialBackOffPolicy.UnsuccessfulResponse503 | ExponentialBackOffPolicy.Exception,
        })
    {
        _root = root.AbsoluteUri.EndsWith('/') ? root.AbsoluteUri : root.AbsoluteUri + "/";
        Files = new FilesResource(this);
    }

    public FilesResource Files { get; }

    public override string Name => "drive";

    public override string BaseUri => _root + "drive/v3/";

    public override string BasePath => "drive/v3/";

    public override string BatchUri => _root + "batch/drive/v3";

    public override string BatchPath => "batch/drive/v3";

    public override IList<string> Features => Array.Empty<string>();

    /// <summary>The upload endpoint as an absolute path, so that a root with a path prefix (a proxy) still works.</summary>
    internal string UploadPath => new Uri(_root).AbsolutePath + "upload/drive/v3/files";

    /// <summary>files.get; Google's MediaDownloader adds alt=media itself.</summary>
    internal string DownloadUrl(string fileId) => $"{BaseUri}files/{Uri.EscapeDataString(fileId)}";
}

/// <summary>The Drive v3 File resource, the fields we read or write.</summary>
internal sealed class DriveFile
{
    [JsonProperty("id")] public string? Id { get; set; }
    [JsonProperty("name")] public string? Name { get; set; }
    [JsonProperty("mimeType")] public string? MimeType { get; set; }
    [JsonProperty("parents")] public IList<string>? Parents { get; set; }
    [JsonProperty("appProperties")] public IDictionary<string, string?>? AppProperties { get; set; }
    [JsonProperty("md5Checksum")] public string? Md5Checksum { get; set; }
    [JsonProperty("size")] public long? Size { get; set; }
    [JsonProperty("createdTime")] public DateTimeOffset? CreatedTime { get; set; }
    [JsonProperty("trashed")] public bool? Trashed { get; set; }
}

internal sealed class DriveFileList
{
    [JsonProperty("nextPageToken")] public string? NextPageToken { get; set; }
    [JsonProperty("incompleteSearch")] public bool? IncompleteSearch { get; set; }
    [JsonProperty("files")] public IList<DriveFile>? Files { get; set; }
}

internal sealed class FilesResource(DriveService service)
{
    public CreateRequest Create(DriveFile body) => new(service, body);

    public ListRequest List() => new(service);

    public GetRequest Get(string fileId) => new(service, fileId);

    public UpdateRequest Update(string fileId, DriveFile body) => new(service, fileId, body);

    public DeleteRequest Delete(string fileId) => new(service, fileId);

    public CreateMediaUpload CreateUpload(DriveFile body, Stream content, string contentType) =>
        new(service, body, content, contentType);

    /// <summary>files.get?alt=media through Google's downloader (streams to the destination in chunks).</summary>
    public MediaDownloader Downloader() => new(service);

    internal abstract class DriveRequest<TResponse> : ClientServiceRequest<TResponse>
    {
        protected DriveRequest(IClientService clientService)
            : base(clientService)
        {
            // As in Google's generated clients: the parameter table is built once the request exists. The overrides
            // only add constant entries, so calling them from the constructor is safe.
#pragma warning disable CA2214
            InitParameters();
#pragma warning restore CA2214
        }

        /// <summary>Partial response: only these fields come back.</summary>
        [RequestParameter("fields", RequestParameterType.Query)]
        public string? Fields { get; set; }

        protected override void InitParameters()
        {
            base.InitParameters();
            AddQuery("fields");
        }

        protected void AddQuery(string name) =>
            RequestParameters.Add(name, new Parameter { Name = name, IsRequired = false, ParameterType = "query" });

        protected void AddPath(string name) =>
            RequestParameters.Add(name, new Parameter { Name = name, IsRequired = true, ParameterType = "path" });
    }

    internal sealed class CreateRequest(IClientService clientService, DriveFile body) : DriveRequest<DriveFile>(clientService)
    {
        public override string MethodName => "create";
        public override string HttpMethod => "POST";
        public override string RestPath => "files";
        protected override object GetBody() => body;
    }

    internal sealed class ListRequest(IClientService clientService) : DriveRequest<DriveFileList>(clientService)
    {
        [RequestParameter("q", RequestParameterType.Query)] public string? Q { get; set; }
        [RequestParameter("spaces", RequestParameterType.Query)] public string? Spaces { get; set; }
        [RequestParameter("pageToken", RequestParameterType.Query)] public string? PageToken { get; set; }
        [RequestParameter("pageSize", RequestParameterType.Query)] public int? PageSize { get; set; }
        [RequestParameter("orderBy", RequestParameterType.Query)] public string? OrderBy { get; set; }

        public override string MethodName => "list";
        public override string HttpMethod => "GET";
        public override string RestPath => "files";

        protected override void InitParameters()
        {
            base.InitParameters();
            foreach (var name in new[] { "q", "spaces", "pageToken", "pageSize", "orderBy" })
            {
                AddQuery(name);
            }
        }
    }

    internal sealed class GetRequest(IClientService clientService, string fileId) : DriveRequest<DriveFile>(clientService)
    {
        [RequestParameter("fileId", RequestParameterType.Path)] public string FileId { get; } = fileId;

        public override string MethodName => "get";
        public override string HttpMethod => "GET";
        public override string RestPath => "files/{fileId}";

        protected override void InitParameters()
        {
            base.InitParameters();
            AddPath("fileId");
        }
    }

    internal sealed class UpdateRequest(IClientService clientService, string fileId, DriveFile body) : DriveRequest<DriveFile>(clientService)
    {
        [RequestParameter("fileId", RequestParameterType.Path)] public string FileId { get; } = fileId;

        public override string MethodName => "update";
        public override string HttpMethod => "PATCH";
        public override string RestPath => "files/{fileId}";
        protected override object GetBody() => body;

        protected override void InitParameters()
        {
            base.InitParameters();
            AddPath("fileId");
        }
    }

    internal sealed class DeleteRequest(IClientService clientService, string fileId) : DriveRequest<string>(clientService)
    {
        [RequestParameter("fileId", RequestParameterType.Path)] public string FileId { get; } = fileId;

        public override string MethodName => "delete";
        public override string HttpMethod => "DELETE";
        public override string RestPath => "files/{fileId}";

        protected override void InitParameters()
        {
            base.InitParameters();
            AddPath("fileId");
        }
    }

    /// <summary>files.create with media, over the resumable protocol.</summary>
    internal sealed class CreateMediaUpload : ResumableUpload<DriveFile, DriveFile>
    {
        public CreateMediaUpload(DriveService service, DriveFile body, Stream content, string contentType)
            : base(service, service.UploadPath, "POST", content, contentType)
        {
            Body = body;
        }

        [RequestParameter("fields", RequestParameterType.Query)]
        public string? Fields { get; set; }
    }
}
