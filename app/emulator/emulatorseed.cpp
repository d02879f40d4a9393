#include "emulator/emulatorseed.h"

#include "emulator/emulatorhttp.h"
#include "emulator/emulatormanifest.h"
#include "emulator/emulatormediatypes.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QtEndian>

namespace Berth::Emu {

namespace {

constexpr Ticks Minute = 60LL * 10000000;
constexpr Ticks Hour = 60 * Minute;
constexpr Ticks Day = 24 * Hour;

struct ImageSpec
{
    QString architecture = QStringLiteral("amd64");
    QString os = QStringLiteral("linux");
    QString variant;
    QStringList entrypoint;
    QStringList cmd;
    QStringList env
        = {QStringLiteral("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin")};
    QJsonObject labels;
    QString workingDir;
    QList<QPair<QString, QByteArray>> files;
    QStringList history; // created_by lines; the last one makes the layer
    bool oci = false;
};

struct Built
{
    QString digest;
    QByteArray body;
    QString mediaType;
};

QString iso(Ticks at)
{
    return Store::formatTime(at);
}

QJsonObject descriptor(const QString &mediaType, const QString &digest, qint64 size)
{
    return {{QStringLiteral("mediaType"), mediaType},
            {QStringLiteral("digest"), digest},
            {QStringLiteral("size"), size}};
}

// One layer image: layer and config blobs linked into `repo`, manifest stored at `at`.
Built buildImage(
    Store &store, const QString &repo, const ImageSpec &spec, const QString &tag, Ticks at)
{
    const QByteArray tar = tarArchive(spec.files, at / 10000000);
    const QByteArray layer = gzip(tar);
    const QString layerDigest = store.addBlob(repo, layer);

    QJsonObject config{{QStringLiteral("Env"), QJsonArray::fromStringList(spec.env)}};
    if (!spec.entrypoint.isEmpty())
        config.insert(QStringLiteral("Entrypoint"), QJsonArray::fromStringList(spec.entrypoint));
    if (!spec.cmd.isEmpty())
        config.insert(QStringLiteral("Cmd"), QJsonArray::fromStringList(spec.cmd));
    if (!spec.labels.isEmpty())
        config.insert(QStringLiteral("Labels"), spec.labels);
    if (!spec.workingDir.isEmpty())
        config.insert(QStringLiteral("WorkingDir"), spec.workingDir);
    QJsonArray history;
    for (qsizetype i = 0; i < spec.history.size(); ++i) {
        QJsonObject entry{{QStringLiteral("created"), iso(at - (spec.history.size() - i) * Minute)},
                          {QStringLiteral("created_by"), spec.history[i]}};
        if (i + 1 < spec.history.size())
            entry.insert(QStringLiteral("empty_layer"), true);
        history.append(entry);
    }
    QJsonObject image{
        {QStringLiteral("architecture"), spec.architecture},
        {QStringLiteral("os"), spec.os},
        {QStringLiteral("created"), iso(at - Minute)},
        {QStringLiteral("config"), config},
        {QStringLiteral("history"), history},
        {QStringLiteral("rootfs"),
         QJsonObject{{QStringLiteral("type"), QStringLiteral("layers")},
                     {QStringLiteral("diff_ids"), QJsonArray{Store::digestOf(tar)}}}}};
    if (!spec.variant.isEmpty())
        image.insert(QStringLiteral("variant"), spec.variant);
    const QByteArray configBlob = QJsonDocument(image).toJson(QJsonDocument::Compact);
    const QString configDigest = store.addBlob(repo, configBlob);

    const QString mediaType = spec.oci ? MediaType::OciManifest : MediaType::DockerManifest;
    const QJsonObject manifest{
        {QStringLiteral("schemaVersion"), 2},
        {QStringLiteral("mediaType"), mediaType},
        {QStringLiteral("config"),
         descriptor(spec.oci ? MediaType::OciConfig : MediaType::DockerConfig, configDigest,
                    configBlob.size())},
        {QStringLiteral("layers"),
         QJsonArray{descriptor(spec.oci ? MediaType::OciLayer : MediaType::DockerLayer, layerDigest,
                               layer.size())}}};
    const QByteArray body = QJsonDocument(manifest).toJson(QJsonDocument::Indented);
    ManifestCheck check = analyseManifest(store, repo, body, mediaType.toLatin1());
    Q_ASSERT(check.ok);
    store.storeManifest(store.ensureRepository(repo), check.record, tag, at);
    return {check.record.digest, body, mediaType};
}

Built buildIndex(Store &store,
                 const QString &repo,
                 const QList<QPair<Built, ImageSpec>> &images,
                 const QString &tag,
                 Ticks at)
{
    QJsonArray manifests;
    for (const auto &[built, spec] : images) {
        QJsonObject platform{{QStringLiteral("architecture"), spec.architecture},
                             {QStringLiteral("os"), spec.os}};
        if (!spec.variant.isEmpty())
            platform.insert(QStringLiteral("variant"), spec.variant);
        QJsonObject entry = descriptor(built.mediaType, built.digest, built.body.size());
        entry.insert(QStringLiteral("platform"), platform);
        manifests.append(entry);
    }
    const QJsonObject index{{QStringLiteral("schemaVersion"), 2},
                            {QStringLiteral("mediaType"), MediaType::OciIndex},
                            {QStringLiteral("manifests"), manifests}};
    const QByteArray body = QJsonDocument(index).toJson(QJsonDocument::Indented);
    ManifestCheck check = analyseManifest(store, repo, body, MediaType::OciIndex.toLatin1());
    Q_ASSERT(check.ok);
    store.storeManifest(store.ensureRepository(repo), check.record, tag, at);
    return {check.record.digest, body, MediaType::OciIndex};
}

void addTag(Store &store, const QString &repo, const QString &tag, const QString &digest, Ticks at)
{
    Repository &repository = store.ensureRepository(repo);
    TagRecord record;
    record.name = tag;
    record.digest = digest;
    record.created = record.updated = at;
    repository.tags.insert(tag, record);
    repository.updated = std::max(repository.updated, at);
}

QByteArray script(const QString &text)
{
    return "#!/bin/sh\necho '" + text.toUtf8() + "'\n";
}

void octal(char *field, int width, qint64 value)
{
    const QByteArray digits = QByteArray::number(value, 8).rightJustified(width - 1, '0');
    memcpy(field, digits.constData(), size_t(width - 1));
    field[width - 1] = '\0';
}

} // namespace

quint32 crc32(const QByteArray &data)
{
    static const auto table = [] {
        std::array<quint32, 256> t{};
        for (quint32 i = 0; i < 256; ++i) {
            quint32 c = i;
            for (int k = 0; k < 8; ++k)
                c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            t[i] = c;
        }
        return t;
    }();
    quint32 crc = 0xFFFFFFFFu;
    for (const char byte : data)
        crc = table[(crc ^ quint8(byte)) & 0xFF] ^ (crc >> 8);
    return crc ^ 0xFFFFFFFFu;
}

// A gzip member around the raw deflate stream of qCompress(): qCompress gives a 4-byte
// length, a 2-byte zlib header, the deflate data and a 4-byte Adler-32.
QByteArray gzip(const QByteArray &data)
{
    const QByteArray zlib = qCompress(data, 9);
    const QByteArray deflate = zlib.mid(6, zlib.size() - 6 - 4);
    QByteArray out("\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\x03", 10);
    out += deflate;
    char trailer[8];
    qToLittleEndian<quint32>(crc32(data), trailer);
    qToLittleEndian<quint32>(quint32(data.size()), trailer + 4);
    out.append(trailer, 8);
    return out;
}

// A ustar archive of regular files (directories implied by the paths are added first).
QByteArray tarArchive(const QList<QPair<QString, QByteArray>> &files, qint64 mtime)
{
    QByteArray out;
    auto entry = [&out, mtime](const QByteArray &name, const QByteArray &content, bool directory,
                               bool executable) {
        char header[512] = {};
        memcpy(header, name.constData(), size_t(std::min<qsizetype>(name.size(), 99)));
        octal(header + 100, 8, directory || executable ? 0755 : 0644);
        octal(header + 108, 8, 0);
        octal(header + 116, 8, 0);
        octal(header + 124, 12, directory ? 0 : content.size());
        octal(header + 136, 12, mtime);
        header[156] = directory ? '5' : '0';
        memcpy(header + 257,
               "ustar\0"
               "00",
               8);
        memcpy(header + 265, "root", 4);
        memcpy(header + 297, "root", 4);
        memset(header + 148, ' ', 8);
        quint32 sum = 0;
        for (const char c : header)
            sum += quint8(c);
        const QByteArray checksum = QByteArray::number(sum, 8).rightJustified(6, '0');
        memcpy(header + 148, checksum.constData(), 6);
        header[154] = '\0';
        header[155] = ' ';
        out.append(header, 512);
        if (!directory) {
            out += content;
            out += QByteArray((512 - content.size() % 512) % 512, '\0');
        }
    };
    QSet<QByteArray> directories;
    for (const auto &[path, content] : files) {
        const QByteArray name = path.toUtf8();
        const QList<QByteArray> parts = name.split('/');
        QByteArray prefix;
        for (qsizetype i = 0; i + 1 < parts.size(); ++i) {
            prefix += parts[i] + '/';
            if (!directories.contains(prefix)) {
                directories.insert(prefix);
                entry(prefix, {}, true, false);
            }
        }
        entry(name, content, false, content.startsWith("#!"));
    }
    out += QByteArray(1024, '\0');
    return out;
}

void seedDemo(Store &store)
{
    const Ticks base = Store::ticksFromIso(QStringLiteral("2024-03-04T09:15:00Z")) + 1234567;

    // hello-world: v1 (oldest), v2 (locked against writes), latest (newest).
    ImageSpec hello;
    hello.cmd = {QStringLiteral("/hello")};
    hello.env.clear();
    hello.files = {{QStringLiteral("hello"),
                    script(QStringLiteral("Hello from Berth's demo registry (v1)."))}};
    hello.history = {QStringLiteral("COPY hello / # buildkit"), QStringLiteral("CMD [\"/hello\"]")};
    const Built helloV1
        = buildImage(store, QStringLiteral("hello-world"), hello, QStringLiteral("v1"), base);
    hello.files = {{QStringLiteral("hello"),
                    script(QStringLiteral("Hello from Berth's demo registry (v2)."))}};
    const Built helloV2 = buildImage(store, QStringLiteral("hello-world"), hello,
                                     QStringLiteral("v2"), base + 5 * Day);
    store.repository(QStringLiteral("hello-world"))
        ->tags[QStringLiteral("v2")]
        .attributes.writeEnabled
        = false;
    addTag(store, QStringLiteral("hello-world"), QStringLiteral("latest"), helloV2.digest,
           base + 6 * Day + 17 * Minute);
    Q_UNUSED(helloV1)

    // team/app/api: 1.0 is an OCI index over linux/amd64 and linux/arm64/v8.
    const QString api = QStringLiteral("team/app/api");
    ImageSpec apiSpec;
    apiSpec.oci = true;
    apiSpec.entrypoint = {QStringLiteral("/usr/local/bin/api")};
    apiSpec.cmd = {QStringLiteral("--listen"), QStringLiteral(":8080")};
    apiSpec.env.append(QStringLiteral("API_MODE=production"));
    apiSpec.workingDir = QStringLiteral("/srv");
    apiSpec.labels = {{QStringLiteral("org.opencontainers.image.title"), QStringLiteral("api")},
                      {QStringLiteral("org.opencontainers.image.version"), QStringLiteral("1.0")}};
    apiSpec.history = {QStringLiteral("WORKDIR /srv"), QStringLiteral("ENV API_MODE=production"),
                       QStringLiteral("COPY api /usr/local/bin/api # buildkit")};
    apiSpec.files
        = {{QStringLiteral("usr/local/bin/api"), script(QStringLiteral("api 0.9 (amd64)"))}};
    buildImage(store, api, apiSpec, QStringLiteral("0.9"), base + 8 * Day);
    apiSpec.files
        = {{QStringLiteral("usr/local/bin/api"), script(QStringLiteral("api 1.0 (amd64)"))}};
    const Built amd64 = buildImage(store, api, apiSpec, {}, base + 10 * Day);
    ImageSpec arm = apiSpec;
    arm.architecture = QStringLiteral("arm64");
    arm.variant = QStringLiteral("v8");
    arm.files = {{QStringLiteral("usr/local/bin/api"), script(QStringLiteral("api 1.0 (arm64)"))}};
    const Built arm64 = buildImage(store, api, arm, {}, base + 10 * Day + Minute);
    buildIndex(store, api, {{amd64, apiSpec}, {arm64, arm}}, QStringLiteral("1.0"),
               base + 10 * Day + 2 * Minute);
    addTag(store, api, QStringLiteral("1.0-amd64"), amd64.digest, base + 10 * Day + 3 * Minute);

    // team/app/web: an nginx-like Docker image, 2.3.0 and 2.3.1 (= latest).
    const QString web = QStringLiteral("team/app/web");
    ImageSpec webSpec;
    webSpec.entrypoint = {QStringLiteral("/docker-entrypoint.sh")};
    webSpec.cmd = {QStringLiteral("nginx"), QStringLiteral("-g"), QStringLiteral("daemon off;")};
    webSpec.env.append(QStringLiteral("NGINX_VERSION=1.25.4"));
    webSpec.labels = {{QStringLiteral("maintainer"), QStringLiteral("web team <web@example.com>")}};
    webSpec.history = {QStringLiteral("ENV NGINX_VERSION=1.25.4"),
                       QStringLiteral("ENTRYPOINT [\"/docker-entrypoint.sh\"]"),
                       QStringLiteral("COPY site /usr/share/nginx/html # buildkit")};
    webSpec.files
        = {{QStringLiteral("docker-entrypoint.sh"), script(QStringLiteral("starting nginx"))},
           {QStringLiteral("usr/share/nginx/html/index.html"), "<h1>web 2.3.0</h1>\n"}};
    buildImage(store, web, webSpec, QStringLiteral("2.3.0"), base + 11 * Day);
    webSpec.files[1].second = "<h1>web 2.3.1</h1>\n";
    const Built web231 = buildImage(store, web, webSpec, QStringLiteral("2.3.1"), base + 12 * Day);
    addTag(store, web, QStringLiteral("latest"), web231.digest, base + 12 * Day + 4 * Minute);

    // library/alpine: the whole repository is locked (no writes, no deletes).
    const QString alpine = QStringLiteral("library/alpine");
    ImageSpec alpineSpec;
    alpineSpec.cmd = {QStringLiteral("/bin/sh")};
    alpineSpec.history = {QStringLiteral("ADD alpine-minirootfs.tar.gz / # buildkit"),
                          QStringLiteral("CMD [\"/bin/sh\"]")};
    alpineSpec.files = {{QStringLiteral("etc/alpine-release"), "3.19.1\n"},
                        {QStringLiteral("etc/hostname"), "alpine\n"}};
    buildImage(store, alpine, alpineSpec, QStringLiteral("3.19"), base + Day);
    alpineSpec.files[0].second = "3.20.0\n";
    const Built alpine320
        = buildImage(store, alpine, alpineSpec, QStringLiteral("3.20"), base + 2 * Day);
    addTag(store, alpine, QStringLiteral("latest"), alpine320.digest, base + 2 * Day + Minute);
    store.repository(alpine)->attributes.writeEnabled = false;
    store.repository(alpine)->attributes.deleteEnabled = false;

    // samples/untagged: one tagged and one untagged manifest.
    const QString samples = QStringLiteral("samples/untagged");
    ImageSpec sample;
    sample.cmd = {QStringLiteral("/sample")};
    sample.history = {QStringLiteral("COPY sample / # buildkit")};
    sample.files
        = {{QStringLiteral("sample"), script(QStringLiteral("an old build nobody tags any more"))}};
    buildImage(store, samples, sample, {}, base + 3 * Day);
    sample.files = {{QStringLiteral("sample"), script(QStringLiteral("the current build"))}};
    buildImage(store, samples, sample, QStringLiteral("tagged"), base + 4 * Day);

    // demo/service-01 .. 25, so that listings page.
    for (int i = 1; i <= 25; ++i) {
        const QString name = QStringLiteral("demo/service-%1").arg(i, 2, 10, QLatin1Char('0'));
        ImageSpec service;
        service.cmd = {QStringLiteral("/srv/service")};
        service.labels = {{QStringLiteral("org.opencontainers.image.title"), name}};
        service.history = {QStringLiteral("COPY service /srv/service # buildkit")};
        service.files
            = {{QStringLiteral("srv/service"), script(QStringLiteral("service %1").arg(i))}};
        buildImage(store, name, service, QStringLiteral("1.0.0"), base + 20 * Day + i * Hour);
    }
}

void seedBulk(Store &store, int repositories, const QString &repoWithManyTags, int tags)
{
    const Ticks base = Store::ticksFromIso(QStringLiteral("2024-01-01T00:00:00Z"));
    const QString first
        = repoWithManyTags.isEmpty() ? QStringLiteral("bulk/repo-00000") : repoWithManyTags;
    // One small image shared by every repository.
    ImageSpec spec;
    spec.cmd = {QStringLiteral("/bulk")};
    spec.history = {QStringLiteral("COPY bulk / # buildkit")};
    spec.files = {{QStringLiteral("bulk"), script(QStringLiteral("bulk"))}};
    const Built shared = buildImage(store, first, spec, QStringLiteral("latest"), base);
    Repository &source = *store.repository(first);
    const ManifestRecord record = source.manifests.value(shared.digest);
    const QSet<QString> blobs = source.blobs;
    if (repoWithManyTags.isEmpty())
        store.removeRepository(first);

    for (int i = 1; i <= repositories; ++i) {
        Repository &repository = store.ensureRepository(
            QStringLiteral("bulk/repo-%1").arg(i, 5, 10, QLatin1Char('0')));
        repository.blobs.unite(blobs);
        store.storeManifest(repository, record, QStringLiteral("latest"), base + i * 10000000LL);
    }
    if (!repoWithManyTags.isEmpty()) {
        Repository &many = *store.repository(repoWithManyTags);
        for (int i = 1; i <= tags; ++i) {
            TagRecord tag;
            tag.name = QStringLiteral("t%1").arg(i, 5, 10, QLatin1Char('0'));
            tag.digest = shared.digest;
            tag.created = tag.updated = base + i * 10000000LL;
            many.tags.insert(tag.name, tag);
        }
        many.updated = std::max(many.updated, base + tags * 10000000LL);
    }
}

} // namespace Berth::Emu
