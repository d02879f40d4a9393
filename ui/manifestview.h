#pragma once

#include "cleanup/imagesize.h"
#include "core/manifest.h"
#include "core/registryerror.h"

#include <QJsonObject>
#include <QPointer>
#include <QWidget>

#include <memory>
#include <optional>

class QLabel;
class QPlainTextEdit;
class QTabWidget;
class QTextBrowser;
class QToolButton;
class QTreeWidget;
class QTreeWidgetItem;

namespace Berth {

class RegistryClient;
class RegistryJob;

// The detail view of one manifest. For an index: its platforms, each opening that
// platform's manifest (Back returns to the index). For an image: config and layers with
// media type and size, total size, and the image configuration made readable (OS,
// architecture, entrypoint, cmd, env, labels, history with the command behind each layer;
// the config blob is fetched with a bounded size). Annotations, and the raw JSON pretty
// printed in a read-only, copyable editor.
//
// Loads asynchronously; showing another manifest (or clear()) drops the replies of the
// previous one. Object names for tests: "entries", "summary", "configuration", "rawJson".
class ManifestView : public QWidget
{
    Q_OBJECT
public:
    enum class State { Empty, Loading, Loaded, Failed };

    // Largest image configuration fetched (bytes).
    static constexpr qint64 MaxConfigSize = 4 * 1024 * 1024;

    explicit ManifestView(QWidget *parent = nullptr);
    ~ManifestView() override;

    // Shows `reference` (a tag or digest) of `repo`; `title` names it ("repo:tag").
    void showManifest(RegistryClient *client,
                      const QString &repo,
                      const QString &reference,
                      const QString &title = {});
    void clear();
    // Where image sizes are read from and kept (shared with the tables).
    void setSizeCache(std::shared_ptr<ManifestCache> cache) { m_sizeCache = std::move(cache); }
    // An index's size once computed.
    const std::optional<ImageSize> &imageSize() const { return m_size; }

    State state() const { return m_state; }
    bool isLoading() const { return m_state == State::Loading; }
    bool isLoaded() const { return m_state == State::Loaded; }
    QString repository() const { return m_current.repo; }
    QString reference() const { return m_current.reference; }
    QString digest() const { return m_digest; }
    const std::optional<Manifest> &manifest() const { return m_manifest; }
    const QJsonObject &imageConfig() const { return m_config; }
    bool canGoBack() const { return !m_history.isEmpty(); }

    QTreeWidget *entriesView() const { return m_entries; }
    QTextBrowser *summaryView() const { return m_summary; }
    QTextBrowser *configView() const { return m_configView; }
    QPlainTextEdit *rawView() const { return m_raw; }
    QTabWidget *tabs() const { return m_tabs; }

public Q_SLOTS:
    // For an index: opens the manifest of the platform in row `row` of the entries.
    void openPlatform(int row);
    void back();
    void retry();

Q_SIGNALS:
    void loadingChanged(bool loading);
    // The manifest and, for an image, its configuration are shown (or failed to load).
    void loaded();
    void failed(const QString &context, const Berth::RegistryError &error);

private:
    struct Shown
    {
        QPointer<RegistryClient> client;
        QString repo;
        QString reference;
        QString title;
    };

    void load();
    void manifestArrived(const QByteArray &body, const QString &mediaType, const QString &digest);
    void loadConfig();
    void loadSize();
    void showEntries();
    void showSize();
    void setState(State state);
    void fail(const QString &context, const RegistryError &error);
    void updateHeader();
    void abortJobs();

    QLabel *m_title;
    QToolButton *m_back;
    QTabWidget *m_tabs;
    QTextBrowser *m_summary;
    QLabel *m_entriesLabel;
    QTreeWidget *m_entries;
    QTextBrowser *m_configView;
    QPlainTextEdit *m_raw;

    Shown m_current;
    QList<Shown> m_history;
    State m_state = State::Empty;
    quint64 m_generation = 0;
    QPointer<RegistryJob> m_manifestJob;
    QPointer<RegistryJob> m_configJob;
    QPointer<RegistryJob> m_sizeJob;
    std::shared_ptr<ManifestCache> m_sizeCache = std::make_shared<ManifestCache>();
    std::optional<ImageSize> m_size;
    qint64 m_bodySize = 0;
    std::optional<Manifest> m_manifest;
    QString m_digest;
    QJsonObject m_config;
};

} // namespace Berth
