#include "ui/manifestview.h"

#include "core/mediatypes.h"
#include "models/format.h"
#include "registry/registryclient.h"
#include "ui/icons.h"
#include "ui/manifesthtml.h"
#include "ui/titlelabel.h"

#include <QBuffer>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QPlainTextEdit>
#include <QSplitter>
#include <QTabWidget>
#include <QTextBrowser>
#include <QToolButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace Berth {

namespace {

enum EntryColumn { EntryName, EntryMediaType, EntrySize, EntryDigest, EntryColumnCount };

// A QBuffer that refuses to grow past a limit: a registry cannot make the window hold an
// arbitrarily large "config".
class BoundedBuffer : public QBuffer
{
public:
    explicit BoundedBuffer(qint64 limit)
        : m_limit(limit)
    {}

protected:
    qint64 writeData(const char *data, qint64 length) override
    {
        if (size() + length > m_limit) {
            setErrorString(ManifestView::tr("The image configuration is larger than %1.")
                               .arg(Format::size(m_limit)));
            return -1;
        }
        return QBuffer::writeData(data, length);
    }

private:
    qint64 m_limit;
};

bool isImageConfig(const QString &mediaType)
{
    const QString essence = MediaType::essence(mediaType);
    return essence == MediaType::DockerConfig || essence == MediaType::OciConfig;
}

QString prettyJson(const QByteArray &body)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError)
        return QString::fromUtf8(body);
    return QString::fromUtf8(document.toJson(QJsonDocument::Indented));
}

} // namespace

ManifestView::ManifestView(QWidget *parent)
    : QWidget(parent)
    , m_title(makeTitleLabel(this))
    , m_back(new QToolButton(this))
    , m_tabs(new QTabWidget(this))
    , m_summary(new QTextBrowser(this))
    , m_entriesLabel(new QLabel(this))
    , m_entries(new QTreeWidget(this))
    , m_configView(new QTextBrowser(this))
    , m_raw(new QPlainTextEdit(this))
{

    m_back->setIcon(Icons::icon(QStringLiteral("back")));
    m_back->setText(tr("Back to index"));
    m_back->setToolTip(tr("Back to the index"));
    m_back->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_back->setAutoRaise(true);
    m_back->hide();
    connect(m_back, &QToolButton::clicked, this, &ManifestView::back);

    m_summary->setObjectName(QStringLiteral("summary"));
    m_summary->setOpenLinks(false);
    m_configView->setObjectName(QStringLiteral("configuration"));
    m_configView->setOpenLinks(false);

    m_entries->setObjectName(QStringLiteral("entries"));
    m_entries->setColumnCount(EntryColumnCount);
    m_entries->setRootIsDecorated(false);
    m_entries->setUniformRowHeights(true);
    m_entries->setAlternatingRowColors(true);
    m_entries->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_entries->header()->setSectionResizeMode(EntryMediaType, QHeaderView::ResizeToContents);
    m_entries->header()->setStretchLastSection(true);
    connect(m_entries, &QTreeWidget::itemActivated, this,
            [this](QTreeWidgetItem *item) { openPlatform(m_entries->indexOfTopLevelItem(item)); });

    m_raw->setObjectName(QStringLiteral("rawJson"));
    m_raw->setReadOnly(true);
    m_raw->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_raw->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_raw->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);

    auto *overview = new QSplitter(Qt::Vertical, this);
    overview->setChildrenCollapsible(false);
    overview->addWidget(m_summary);
    auto *entriesBox = new QWidget(overview);
    auto *entriesLayout = new QVBoxLayout(entriesBox);
    entriesLayout->setContentsMargins(0, 0, 0, 0);
    entriesLayout->addWidget(m_entriesLabel);
    entriesLayout->addWidget(m_entries);
    overview->addWidget(entriesBox);

    m_tabs->addTab(overview, Icons::icon(QStringLiteral("manifest")), tr("&Overview"));
    m_tabs->addTab(m_configView, tr("&Configuration"));
    m_tabs->addTab(m_raw, tr("&JSON"));

    auto *header = new QHBoxLayout;
    header->addWidget(m_back);
    header->addWidget(m_title, 1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(header);
    layout->addWidget(m_tabs);
    clear();
}

ManifestView::~ManifestView()
{
    abortJobs();
}

void ManifestView::abortJobs()
{
    ++m_generation; // whatever arrives from now on is dropped
    if (m_manifestJob)
        m_manifestJob->abort();
    if (m_configJob)
        m_configJob->abort();
    if (m_sizeJob)
        m_sizeJob->abort();
}

void ManifestView::clear()
{
    abortJobs();
    m_current = {};
    m_history.clear();
    m_manifest.reset();
    m_size.reset();
    m_digest.clear();
    m_config = {};
    m_summary->setPlainText(tr("Select a tag or a manifest to see its details."));
    m_entriesLabel->clear();
    m_entries->clear();
    m_entries->hide(); // no placeholder headers ("1 2 3 4") while there is nothing to list
    m_configView->clear();
    m_raw->clear();
    updateHeader();
    setState(State::Empty);
}

void ManifestView::showManifest(RegistryClient *client,
                                const QString &repo,
                                const QString &reference,
                                const QString &title)
{
    m_history.clear();
    m_current = {client, repo, reference, title.isEmpty() ? repo + u':' + reference : title};
    load();
}

void ManifestView::openPlatform(int row)
{
    if (!m_manifest || m_manifest->kind != Manifest::Kind::Index || row < 0
        || row >= m_manifest->manifests.size() || !m_current.client)
        return;
    const Descriptor &entry = m_manifest->manifests.at(row);
    if (!MediaType::isManifest(entry.mediaType))
        return; // e.g. an attestation blob: nothing to open
    m_history << m_current;
    const QString platform
        = entry.platform.isEmpty() ? Format::shortDigest(entry.digest) : entry.platform.toString();
    m_current = {m_current.client, m_current.repo, entry.digest,
                 tr("%1 ▸ %2").arg(m_history.last().title, platform)};
    load();
}

void ManifestView::back()
{
    if (m_history.isEmpty())
        return;
    m_current = m_history.takeLast();
    load();
}

void ManifestView::retry()
{
    if (m_current.client)
        load();
}

void ManifestView::updateHeader()
{
    m_title->setText(m_current.title);
    m_title->setToolTip(m_digest);
    m_back->setVisible(!m_history.isEmpty());
}

void ManifestView::setState(State state)
{
    const bool wasLoading = m_state == State::Loading;
    m_state = state;
    if (wasLoading != (state == State::Loading))
        Q_EMIT loadingChanged(state == State::Loading);
    if (state == State::Loaded)
        Q_EMIT loaded();
}

void ManifestView::fail(const QString &context, const RegistryError &error)
{
    setState(State::Failed);
    Q_EMIT failed(context, error);
}

void ManifestView::load()
{
    abortJobs();
    m_manifest.reset();
    m_size.reset();
    m_digest.clear();
    m_config = {};
    m_entries->clear();
    m_entries->hide();
    m_entriesLabel->clear();
    m_raw->clear();
    m_summary->setPlainText(tr("Loading…"));
    m_configView->clear();
    updateHeader();
    if (!m_current.client) {
        setState(State::Empty);
        return;
    }
    setState(State::Loading);
    const quint64 generation = m_generation;
    Job<ManifestContent> *job = m_current.client->getManifest(m_current.repo, m_current.reference);
    m_manifestJob = job;
    onFinished(job, this, [this, generation](const Result<ManifestContent> &result) {
        if (generation != m_generation)
            return;
        if (!result) {
            m_summary->setPlainText(
                tr("Could not load the manifest: %1").arg(result.error().toString()));
            fail(tr("Could not load the manifest %1").arg(m_current.title), result.error());
            return;
        }
        manifestArrived(result->body, result->mediaType, result->digest);
    });
}

void ManifestView::manifestArrived(const QByteArray &body,
                                   const QString &mediaType,
                                   const QString &digest)
{
    m_digest = digest;
    updateHeader();
    m_raw->setPlainText(prettyJson(body));
    Result<Manifest> parsed = parseManifest(body, mediaType);
    if (!parsed) {
        m_summary->setPlainText(
            tr("This manifest cannot be shown: %1").arg(parsed.error().toString()));
        fail(tr("Could not read the manifest %1").arg(m_current.title), parsed.error());
        return;
    }
    m_manifest = std::move(*parsed);
    m_bodySize = body.size();
    m_summary->setHtml(ManifestHtml::summary(*m_manifest, digest, m_bodySize));
    showEntries();
    if (m_manifest->kind == Manifest::Kind::Index) {
        loadSize();
        m_configView->setPlainText(
            tr("An index has no configuration of its own: open one of its platforms."));
        setState(State::Loaded);
        return;
    }
    loadConfig();
}

void ManifestView::showEntries()
{
    const Manifest &m = *m_manifest;
    const bool index = m.kind == Manifest::Kind::Index;
    m_entries->setHeaderLabels(
        {index ? tr("Platform") : tr("Layer"), tr("Media type"), tr("Size"), tr("Digest")});
    m_entries->show();
    m_entriesLabel->setText(index ? tr("Platforms (double-click one to open its manifest):")
                                  : tr("Layers:"));
    const QList<Descriptor> &entries = index ? m.manifests : m.layers;
    QList<QTreeWidgetItem *> items;
    for (qsizetype i = 0; i < entries.size(); ++i) {
        const Descriptor &d = entries.at(i);
        auto *item = new QTreeWidgetItem;
        QString name;
        if (index)
            name = d.platform.isEmpty() ? tr("(no platform)") : d.platform.toString();
        else
            name = QString::number(i + 1);
        item->setText(EntryName, name);
        item->setText(EntryMediaType, d.mediaType);
        // An index's platforms: their images' size when known (showSize), not the documents'.
        item->setText(EntrySize, index ? QString() : Format::size(d.size));
        item->setTextAlignment(EntrySize, Qt::AlignRight | Qt::AlignVCenter);
        item->setText(EntryDigest, d.digest);
        item->setData(EntryName, Qt::UserRole, d.digest);
        item->setToolTip(EntryDigest, d.digest);
        if (index && MediaType::isManifest(d.mediaType))
            item->setToolTip(EntryName, tr("Double-click to open this platform's manifest"));
        items << item;
    }
    m_entries->addTopLevelItems(items);
    m_entries->resizeColumnToContents(EntryName);
    m_entries->resizeColumnToContents(EntrySize);
}

void ManifestView::loadSize()
{
    const quint64 generation = m_generation;
    auto *job = new SizeJob(m_current.client, m_current.repo, {m_digest}, m_sizeCache, 4,
                            m_current.client);
    m_sizeJob = job;
    onFinished(job, this, [this, generation](const Result<QHash<QString, ImageSize>> &result) {
        if (generation != m_generation || !result)
            return;
        m_size = result->value(m_digest);
        showSize();
    });
}

void ManifestView::showSize()
{
    m_summary->setHtml(ManifestHtml::summary(*m_manifest, m_digest, m_bodySize, &*m_size));
    const QList<PlatformSize> &platforms = m_size->platforms;
    for (int i = 0; i < m_entries->topLevelItemCount() && i < platforms.size(); ++i) {
        QTreeWidgetItem *item = m_entries->topLevelItem(i);
        item->setText(EntrySize, Format::size(platforms.at(i).bytes));
        item->setToolTip(EntrySize, tr("Config and layers (the manifest itself: %1)")
                                        .arg(Format::size(m_manifest->manifests.at(i).size)));
    }
    m_entries->resizeColumnToContents(EntrySize);
}

void ManifestView::loadConfig()
{
    const Descriptor &config = m_manifest->config;
    if (!isImageConfig(config.mediaType)) {
        m_configView->setPlainText(
            tr("The configuration (%1) is not an image configuration.").arg(config.mediaType));
        setState(State::Loaded);
        return;
    }
    if (config.size > MaxConfigSize) {
        m_configView->setPlainText(tr("The image configuration is too large to show (%1).")
                                       .arg(Format::size(config.size)));
        setState(State::Loaded);
        return;
    }
    m_configView->setPlainText(tr("Loading the image configuration…"));
    auto *buffer = new BoundedBuffer(MaxConfigSize);
    buffer->open(QIODevice::WriteOnly);
    const quint64 generation = m_generation;
    Job<qint64> *job = m_current.client->getBlob(m_current.repo, config.digest, buffer);
    buffer->setParent(job); // lives exactly as long as the job
    m_configJob = job;
    onFinished(job, this, [this, generation, buffer](const Result<qint64> &result) {
        if (generation != m_generation)
            return;
        if (!result) {
            m_configView->setPlainText(
                tr("Could not load the image configuration: %1").arg(result.error().toString()));
            fail(tr("Could not load the image configuration of %1").arg(m_current.title),
                 result.error());
            return;
        }
        QJsonParseError error;
        const QJsonDocument document = QJsonDocument::fromJson(buffer->data(), &error);
        if (!document.isObject()) {
            m_configView->setPlainText(
                tr("The image configuration is not a JSON object: %1").arg(error.errorString()));
        } else {
            m_config = document.object();
            m_configView->setHtml(ManifestHtml::configuration(m_config, *m_manifest));
        }
        setState(State::Loaded);
    });
}

} // namespace Berth
