#pragma once

#include "cleanup/manifestread.h"
#include "core/attributes.h"

#include <QPointer>
#include <QTimer>
#include <QWidget>

#include <memory>

class QAction;
class QActionGroup;
class QLabel;
class QLineEdit;
class QSplitter;
class QStackedWidget;
class QTableView;

namespace Berth {

class KeptSelection;
class ManifestModel;
class PagedTableModel;
class ManifestView;
class RegistryClient;
class TagFilterModel;
class TagModel;

// The right side of the window for one repository: its tags or (switch) its manifests,
// untagged ones included, in a table through a filter/sort proxy; a filter box; and the
// detail view of the current row's manifest below. Tables load page by page as they
// scroll; with a filter active, loading goes on until everything is in. The manifest
// table loads the first time it is shown for a repository.
class RepositoryPane : public QWidget
{
    Q_OBJECT
public:
    enum class Listing { Tags, Manifests };

    explicit RepositoryPane(QWidget *parent = nullptr);
    ~RepositoryPane() override;

    // Shows `repo` of `client` (nullptr clears); starts loading its tags.
    void setRepository(RegistryClient *client, const QString &repo);
    RegistryClient *client() const { return m_client; }
    QString repository() const { return m_repo; }

    // The open repository's own attributes (from the tree, once known): the locks it has show
    // in a line above the table and as inherited locks in the tables' lock cells.
    void setRepositoryAttributes(const ChangeableAttributes &attributes);
    const ChangeableAttributes &repositoryAttributes() const { return m_repositoryAttributes; }
    // The repository has write or delete off: the registry refuses deletes in it.
    bool isRepositoryDeleteLocked() const;

    Listing listing() const { return m_listing; }
    void setListing(Listing listing);
    // Reloads the shown table from its first page (and the details of the current row).
    void reload();
    void focusFilter();
    bool isBusy() const;

    // The user selected all rows (Ctrl+A) of the shown table while some are not loaded yet:
    // an action on the selection means the rows not loaded too (load them first).
    bool selectsBeyondLoaded() const;
    // Selects every row of the shown table (all of them, in the sense above).
    void selectAllRows();
    // Selects, in the manifest table, exactly the loaded manifests that have no tag and that
    // no loaded index lists (hidden by the filter or not, the filter is cleared).
    void selectUnreferencedUntagged();
    PagedTableModel *currentModel() const;
    // The highlighted rows of the shown table, in view order (none: nothing is acted on).
    bool hasSelection() const;
    QList<TagInfo> selectedTags() const;
    QList<ManifestInfo> selectedManifests() const;

    // The manifest contents the tables and the details size images from (the tree shares it).
    const std::shared_ptr<ManifestCache> &sizeCache() const { return m_sizeCache; }
    TagModel *tagModel() const { return m_tagModel; }
    ManifestModel *manifestModel() const { return m_manifestModel; }
    TagFilterModel *tagProxy() const { return m_tagProxy; }
    TagFilterModel *manifestProxy() const { return m_manifestProxy; }
    QTableView *tagView() const { return m_tagView; }
    QTableView *manifestView() const { return m_manifestView; }
    QTableView *currentView() const;
    QLineEdit *filterEdit() const { return m_filter; }
    ManifestView *details() const { return m_details; }
    QAction *showTagsAction() const { return m_showTags; }
    QAction *showManifestsAction() const { return m_showManifests; }

    QByteArray saveState() const;
    bool restoreState(const QByteArray &state);

Q_SIGNALS:
    void busyChanged();
    // Another repository (or none) is shown.
    void repositoryChanged();
    void listingChanged(Berth::RepositoryPane::Listing listing);
    void selectionChanged();

private:
    QTableView *makeTable(TagFilterModel *proxy);
    bool &allFlag(const QTableView *view);
    void showCurrentDetails();
    void selectFirstRowIfNone();
    void updateCount();
    void updateTitle();

    QPointer<RegistryClient> m_client;
    QString m_repo;
    ChangeableAttributes m_repositoryAttributes;
    Listing m_listing = Listing::Tags;
    bool m_manifestsStale = true; // the manifest table still shows another repository

    std::shared_ptr<ManifestCache> m_sizeCache = std::make_shared<ManifestCache>();
    TagModel *m_tagModel;
    ManifestModel *m_manifestModel;
    TagFilterModel *m_tagProxy;
    TagFilterModel *m_manifestProxy;

    QLabel *m_title;
    QLabel *m_count;
    QLabel *m_locks; // the repository's own locks, above the table
    QLineEdit *m_filter;
    QAction *m_showTags;
    QAction *m_showManifests;
    QActionGroup *m_listingGroup;
    QStackedWidget *m_stack;
    QTableView *m_tagView;
    QTableView *m_manifestView;
    ManifestView *m_details;
    KeptSelection *m_keptTags;
    KeptSelection *m_keptManifests;
    QSplitter *m_splitter;
    QTimer m_detailsTimer;  // debounces the details while the current row moves
    QString m_detailsKey;   // what the details show: repo + reference, to skip repeats
    bool m_allTags = false; // select all is in force in the tag table
    bool m_allManifests = false;
    bool m_extendingSelection = false;
};

} // namespace Berth
