#include "ui/repositorypane.h"

#include "models/format.h"
#include "models/lockcolumns.h"
#include "models/manifestmodel.h"
#include "models/tagfiltermodel.h"
#include "models/tagmodel.h"
#include "registry/registryclient.h"
#include "ui/icons.h"
#include "ui/keptselection.h"
#include "ui/manifestview.h"
#include "ui/selectalltableview.h"
#include "ui/tablesetup.h"
#include "ui/titlelabel.h"

#include <QAction>
#include <QActionGroup>
#include <QDataStream>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QIODevice>
#include <QLabel>
#include <QLineEdit>
#include <QShortcut>
#include <QSplitter>
#include <QStackedWidget>
#include <QStyle>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

namespace Berth {

namespace {
constexpr int DetailsDelayMs = 150;
constexpr quint32 StateVersion = 1;

QList<int> selectedSourceRows(const QTableView *view, const TagFilterModel *proxy)
{
    // The highlighted rows only: a current row the user un-highlighted (a click under the
    // rows, Ctrl+click) is not acted on.
    QModelIndexList rows = view->selectionModel()->selectedRows();
    std::sort(rows.begin(), rows.end(),
              [](const QModelIndex &a, const QModelIndex &b) { return a.row() < b.row(); });
    QList<int> out;
    for (const QModelIndex &index : std::as_const(rows)) {
        const int row = proxy->mapToSource(index).row();
        if (row >= 0 && !out.contains(row))
            out << row;
    }
    return out;
}

// The items of the rows highlighted in `view`, top to bottom.
template<typename Item>
QList<Item> selectedItems(const QTableView *view,
                          const TagFilterModel *proxy,
                          const RepositoryTableModel<Item> *model)
{
    QList<Item> items;
    for (const int row : selectedSourceRows(view, proxy))
        items << model->itemAt(row);
    return items;
}
} // namespace

RepositoryPane::RepositoryPane(QWidget *parent)
    : QWidget(parent)
    , m_tagModel(new TagModel(this))
    , m_manifestModel(new ManifestModel(this))
    , m_tagProxy(new TagFilterModel(this))
    , m_manifestProxy(new TagFilterModel(this))
    , m_title(makeTitleLabel(this))
    , m_count(new QLabel(this))
    , m_locks(new QLabel(this))
    , m_filter(new QLineEdit(this))
    , m_showTags(new QAction(Icons::icon(QStringLiteral("tag")), tr("&Tags"), this))
    , m_showManifests(new QAction(Icons::icon(QStringLiteral("manifest")), tr("&Manifests"), this))
    , m_listingGroup(new QActionGroup(this))
    , m_stack(new QStackedWidget(this))
    , m_details(new ManifestView(this))
    , m_splitter(new QSplitter(Qt::Vertical, this))
{
    // One cache of manifest contents for the tables and the details: a digest is read once.
    m_tagModel->setSizeCache(m_sizeCache);
    m_manifestModel->setSizeCache(m_sizeCache);
    m_details->setSizeCache(m_sizeCache);
    m_tagProxy->setSourceModel(m_tagModel);
    m_tagProxy->setServerSortColumns({TagModel::Created, TagModel::Updated});
    m_tagProxy->setFilterColumns({TagModel::Name});
    m_tagProxy->setFilterMatchesDigest(true);
    m_manifestProxy->setSourceModel(m_manifestModel);
    m_manifestProxy->setServerSortColumns({ManifestModel::Created, ManifestModel::Updated});
    m_manifestProxy->setFilterColumns({ManifestModel::Tags});
    m_manifestProxy->setFilterMatchesDigest(true);

    m_tagView = makeTable(m_tagProxy);
    m_tagView->setObjectName(QStringLiteral("tagTable"));
    m_tagView->setAccessibleName(tr("Tags"));
    m_manifestView = makeTable(m_manifestProxy);
    m_manifestView->setObjectName(QStringLiteral("manifestTable"));
    m_manifestView->setAccessibleName(tr("Manifests"));
    // Widths from the font, not from the rows (a 20,000-row table must not be measured).
    const QFontMetrics metrics = fontMetrics();
    const int padding = 2 * style()->pixelMetric(QStyle::PM_HeaderMargin) + 12;
    const int time = metrics.horizontalAdvance(QStringLiteral("8888-88-88 88:88")) + padding;
    const int digest = metrics.horizontalAdvance(QStringLiteral("888888888888")) + padding;
    const int size = metrics.horizontalAdvance(QStringLiteral("888.8 MB")) + padding;
    const int name = metrics.horizontalAdvance(u'8') * 16 + padding;
    m_tagView->setColumnWidth(TagModel::Name, name);
    m_tagView->setColumnWidth(TagModel::Digest, digest);
    m_tagView->setColumnWidth(TagModel::Size, size);
    m_tagView->setColumnWidth(TagModel::Platforms, name);
    m_tagView->setColumnWidth(TagModel::Created, time);
    m_tagView->setColumnWidth(TagModel::Updated, time);
    m_manifestView->setColumnWidth(ManifestModel::Digest, digest);
    m_manifestView->setColumnWidth(ManifestModel::Tags, name);
    m_manifestView->setColumnWidth(ManifestModel::Size, size);
    m_manifestView->setColumnWidth(ManifestModel::Platforms, name);
    m_manifestView->setColumnWidth(ManifestModel::MediaType, name);
    m_manifestView->setColumnWidth(ManifestModel::Created, time);
    m_manifestView->setColumnWidth(ManifestModel::Updated, time);
    // Names, platforms and media types share the width the others leave; a narrow window
    // shortens the lock titles to letters.
    keepColumnsOnScreen(m_tagView, {TagModel::Name, TagModel::Platforms}, TagModel::WriteEnabled,
                        name * 3 / 4,
                        [this](bool compact) { m_tagModel->setCompactLockHeaders(compact); });
    keepColumnsOnScreen(m_manifestView,
                        {ManifestModel::Tags, ManifestModel::Platforms, ManifestModel::MediaType},
                        ManifestModel::WriteEnabled, name / 2,
                        [this](bool compact) { m_manifestModel->setCompactLockHeaders(compact); });
    m_stack->addWidget(m_tagView);
    m_stack->addWidget(m_manifestView);

    m_count->setTextFormat(Qt::PlainText);
    m_count->setObjectName(QStringLiteral("countLabel"));

    m_filter->setObjectName(QStringLiteral("filter"));
    m_filter->setClearButtonEnabled(true);
    m_filter->setPlaceholderText(tr("Filter (Ctrl+F)"));
    m_filter->setAccessibleName(tr("Filter"));
    m_filter->addAction(Icons::icon(QStringLiteral("find")), QLineEdit::LeadingPosition);
    // Escape clears the filter (the clear button does too).
    auto *clearFilter = new QShortcut(Qt::Key_Escape, m_filter);
    clearFilter->setContext(Qt::WidgetShortcut);
    connect(clearFilter, &QShortcut::activated, m_filter, &QLineEdit::clear);
    connect(m_filter, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_tagProxy->setFilterText(text);
        m_manifestProxy->setFilterText(text);
        updateCount();
    });

    m_showTags->setCheckable(true);
    m_showTags->setChecked(true);
    m_showTags->setToolTip(tr("Show the repository's tags"));
    m_showManifests->setCheckable(true);
    m_showManifests->setToolTip(tr("Show the repository's manifests, untagged ones included"));
    m_listingGroup->addAction(m_showTags);
    m_listingGroup->addAction(m_showManifests);
    connect(m_showTags, &QAction::triggered, this, [this] { setListing(Listing::Tags); });
    connect(m_showManifests, &QAction::triggered, this, [this] { setListing(Listing::Manifests); });
    auto *tagsButton = new QToolButton(this);
    tagsButton->setDefaultAction(m_showTags);
    tagsButton->setObjectName(QStringLiteral("showTagsButton"));
    tagsButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    auto *manifestsButton = new QToolButton(this);
    manifestsButton->setDefaultAction(m_showManifests);
    manifestsButton->setObjectName(QStringLiteral("showManifestsButton"));
    manifestsButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);

    auto *header = new QHBoxLayout;
    header->addWidget(m_title);
    header->addWidget(m_count);
    header->addStretch(1);
    header->addWidget(tagsButton);
    header->addWidget(manifestsButton);
    header->addWidget(m_filter, 1);

    auto *top = new QWidget(m_splitter);
    auto *topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    topLayout->addLayout(header);
    m_locks->setObjectName(QStringLiteral("repositoryLocks"));
    m_locks->setTextFormat(Qt::PlainText);
    m_locks->setWordWrap(true);
    m_locks->hide();
    topLayout->addWidget(m_locks);
    topLayout->addWidget(m_stack);
    m_splitter->addWidget(top);
    m_splitter->addWidget(m_details);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 2);
    m_splitter->setChildrenCollapsible(false);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_splitter);

    m_detailsTimer.setSingleShot(true);
    m_detailsTimer.setInterval(DetailsDelayMs);
    connect(&m_detailsTimer, &QTimer::timeout, this, &RepositoryPane::showCurrentDetails);

    // A sort the registry does or a reload keeps the highlighted rows (by tag, by digest).
    m_keptTags = new KeptSelection(m_tagView, m_tagProxy, m_tagModel, Roles::Name, this);
    m_keptManifests
        = new KeptSelection(m_manifestView, m_manifestProxy, m_manifestModel, Roles::Digest, this);
    for (KeptSelection *kept : {m_keptTags, m_keptManifests}) {
        PagedTableModel *model
            = kept == m_keptTags ? static_cast<PagedTableModel *>(m_tagModel) : m_manifestModel;
        connect(model, &PagedTableModel::loadingChanged, this, &RepositoryPane::busyChanged);
        connect(model, &PagedTableModel::pageLoaded, this, [this, kept] {
            kept->restore();
            selectFirstRowIfNone();
            updateCount();
        });
    }
    // The count reads both the source and the proxy: it follows whichever changes last. (A
    // proxy drops its rows while the source is only about to: the source still counts them.)
    for (QAbstractItemModel *model : std::initializer_list<QAbstractItemModel *>{
             m_tagProxy, m_manifestProxy, m_tagModel, m_manifestModel}) {
        connect(model, &QAbstractItemModel::rowsInserted, this, &RepositoryPane::updateCount);
        connect(model, &QAbstractItemModel::rowsRemoved, this, &RepositoryPane::updateCount);
        connect(model, &QAbstractItemModel::modelReset, this, &RepositoryPane::updateCount);
        connect(model, &QAbstractItemModel::layoutChanged, this, &RepositoryPane::updateCount);
    }
    connect(m_details, &ManifestView::loadingChanged, this, &RepositoryPane::busyChanged);
    // Tab: the filter, the table shown, the details.
    setTabOrder(m_filter, m_tagView);
    setTabOrder(m_tagView, m_manifestView);
    setTabOrder(m_manifestView, m_details);
    updateTitle();
    updateCount();
}

RepositoryPane::~RepositoryPane() = default;

QTableView *RepositoryPane::makeTable(TagFilterModel *proxy)
{
    auto *view = new SelectAllTableView(this);
    setUpItemTable(view, proxy,
                   proxy == m_tagProxy ? int(TagModel::WriteEnabled)
                                       : int(ManifestModel::WriteEnabled));
    connect(view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this, view] {
        if (view == currentView())
            m_detailsTimer.start();
    });
    // Select all stays all: rows that come in later are selected too, until the user selects
    // something else.
    connect(view, &SelectAllTableView::allSelected, this, [this, view] { allFlag(view) = true; });
    connect(proxy, &QAbstractItemModel::modelReset, this, [this, view] { allFlag(view) = false; });
    connect(proxy, &QAbstractItemModel::rowsInserted, this,
            [this, view, proxy](const QModelIndex &, int first, int last) {
                if (!allFlag(view))
                    return;
                m_extendingSelection = true;
                view->selectionModel()->select(
                    QItemSelection(proxy->index(first, 0), proxy->index(last, 0)),
                    QItemSelectionModel::Select | QItemSelectionModel::Rows);
                m_extendingSelection = false;
            });
    connect(view->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this, view] {
        if (!m_extendingSelection)
            allFlag(view) = false; // selectAll() sets it again right after
        if (view == currentView())
            m_detailsTimer.start(); // the details follow the highlight too
        Q_EMIT selectionChanged();
    });
    return view;
}

QTableView *RepositoryPane::currentView() const
{
    return m_listing == Listing::Tags ? m_tagView : m_manifestView;
}

void RepositoryPane::setRepository(RegistryClient *client, const QString &repo)
{
    if (client != m_client || repo != m_repo)
        m_filter->clear(); // a filter for another repository's tags would hide this one's
    m_client = client;
    m_repo = client ? repo : QString();
    m_detailsKey.clear();
    m_details->clear();
    m_manifestsStale = true;
    if (m_listing == Listing::Tags) {
        m_manifestModel->setRepository(nullptr, {});
        m_tagModel->setRepository(client, m_repo);
    } else {
        m_tagModel->setRepository(nullptr, {});
        m_manifestModel->setRepository(client, m_repo);
        m_manifestsStale = false;
    }
    m_keptTags->forget(); // rows of another repository
    m_keptManifests->forget();
    setRepositoryAttributes({}); // until the tree knows this one's
    updateTitle();
    updateCount();
    Q_EMIT repositoryChanged();
    Q_EMIT busyChanged();
}

void RepositoryPane::setRepositoryAttributes(const ChangeableAttributes &attributes)
{
    m_repositoryAttributes = attributes;
    m_tagModel->setRepositoryAttributes(attributes);
    m_manifestModel->setRepositoryAttributes(attributes);
    const QString locks = repositoryLocksText(attributes);
    m_locks->setText(locks.isEmpty()
                         ? QString()
                         : tr("The repository is locked: %1 disabled for all its tags and "
                              "manifests, whatever their own settings. Unlock it with Lock "
                              "Attributes on the repository.")
                               .arg(locks));
    m_locks->setVisible(!locks.isEmpty());
}

bool RepositoryPane::isRepositoryDeleteLocked() const
{
    return inheritsLock(m_repositoryAttributes, Lock::Write)
           || inheritsLock(m_repositoryAttributes, Lock::Delete);
}

void RepositoryPane::setListing(Listing listing)
{
    (listing == Listing::Tags ? m_showTags : m_showManifests)->setChecked(true);
    if (listing == m_listing)
        return;
    m_listing = listing;
    if (listing == Listing::Manifests && m_manifestsStale && m_client) {
        m_manifestsStale = false;
        m_manifestModel->setRepository(m_client, m_repo);
        m_keptManifests->forget();
    } else if (listing == Listing::Tags && m_tagModel->repository() != m_repo && m_client) {
        m_tagModel->setRepository(m_client, m_repo);
        m_keptTags->forget();
    }
    m_stack->setCurrentWidget(currentView());
    m_detailsKey.clear();
    selectFirstRowIfNone();
    m_detailsTimer.start();
    updateCount();
    Q_EMIT listingChanged(listing);
    Q_EMIT selectionChanged();
}

void RepositoryPane::reload()
{
    if (!m_client)
        return;
    m_detailsKey.clear();
    if (m_listing == Listing::Tags) {
        m_tagModel->reload();
        m_manifestsStale = true; // the other table reloads when shown next
    } else {
        m_manifestModel->reload();
    }
}

void RepositoryPane::focusFilter()
{
    m_filter->setFocus(Qt::ShortcutFocusReason);
    m_filter->selectAll();
}

bool RepositoryPane::isBusy() const
{
    return m_tagModel->isLoading() || m_manifestModel->isLoading() || m_details->isLoading();
}

QList<TagInfo> RepositoryPane::selectedTags() const
{
    if (m_listing != Listing::Tags)
        return {};
    return selectedItems(m_tagView, m_tagProxy, m_tagModel);
}

QList<ManifestInfo> RepositoryPane::selectedManifests() const
{
    if (m_listing != Listing::Manifests)
        return {};
    return selectedItems(m_manifestView, m_manifestProxy, m_manifestModel);
}

void RepositoryPane::selectFirstRowIfNone()
{
    QTableView *view = currentView();
    const KeptSelection *kept = m_listing == Listing::Tags ? m_keptTags : m_keptManifests;
    if (view->currentIndex().isValid() || view->model()->rowCount() == 0 || kept->isPending())
        return;
    view->selectionModel()->setCurrentIndex(view->model()->index(0, 0),
                                            QItemSelectionModel::ClearAndSelect
                                                | QItemSelectionModel::Rows);
}

bool &RepositoryPane::allFlag(const QTableView *view)
{
    return view == m_tagView ? m_allTags : m_allManifests;
}

PagedTableModel *RepositoryPane::currentModel() const
{
    if (m_listing == Listing::Tags)
        return m_tagModel;
    return m_manifestModel;
}

bool RepositoryPane::selectsBeyondLoaded() const
{
    const bool all = m_listing == Listing::Tags ? m_allTags : m_allManifests;
    return m_client && all && !currentModel()->isComplete();
}

void RepositoryPane::selectAllRows()
{
    currentView()->selectAll();
}

void RepositoryPane::selectUnreferencedUntagged()
{
    setListing(Listing::Manifests);
    m_filter->clear();
    QItemSelection selection;
    for (int row : m_manifestModel->unreferencedUntaggedRows()) {
        const QModelIndex index = m_manifestProxy->mapFromSource(m_manifestModel->index(row, 0));
        selection.select(index, index);
    }
    m_manifestView->selectionModel()->select(selection, QItemSelectionModel::ClearAndSelect
                                                            | QItemSelectionModel::Rows);
    m_manifestView->setFocus(Qt::OtherFocusReason);
}

bool RepositoryPane::hasSelection() const
{
    return m_client && currentView()->selectionModel()->hasSelection();
}

void RepositoryPane::showCurrentDetails()
{
    // The current row while it is highlighted; none when nothing is.
    const QModelIndex current = currentView()->currentIndex();
    if (!current.isValid() || !m_client
        || !currentView()->selectionModel()->isRowSelected(current.row())) {
        if (!m_detailsKey.isEmpty() || m_details->state() != ManifestView::State::Empty)
            m_details->clear();
        m_detailsKey.clear();
        return;
    }
    QString reference;
    QString title;
    if (m_listing == Listing::Tags) {
        const TagInfo &tag = m_tagModel->tagAt(m_tagProxy->mapToSource(current).row());
        reference = tag.digest.isEmpty() ? tag.name : tag.digest;
        title = m_repo + u':' + tag.name;
    } else {
        const ManifestInfo &m
            = m_manifestModel->manifestAt(m_manifestProxy->mapToSource(current).row());
        reference = m.digest;
        title = m_repo + u'@' + m.digest.section(u':', 0, 0) + u':' + Format::shortDigest(m.digest);
    }
    const QString key = m_repo + u'\n' + reference + u'\n' + title;
    if (key == m_detailsKey && m_details->state() != ManifestView::State::Failed)
        return;
    m_detailsKey = key;
    m_details->showManifest(m_client, m_repo, reference, title);
}

void RepositoryPane::updateTitle()
{
    if (!m_client) {
        m_title->setText(tr("No repository open"));
        m_title->setToolTip({});
        return;
    }
    m_title->setText(m_repo);
    m_title->setToolTip(m_client->registryHost() + u'/' + m_repo);
}

void RepositoryPane::updateCount()
{
    if (!m_client) {
        m_count->clear();
        return;
    }
    const bool tags = m_listing == Listing::Tags;
    const PagedTableModel *model = tags ? static_cast<PagedTableModel *>(m_tagModel)
                                        : static_cast<PagedTableModel *>(m_manifestModel);
    const int loaded = model->rowCount();
    const int shown = (tags ? m_tagProxy : m_manifestProxy)->rowCount();
    QString text = tags ? tr("%n tag(s)", nullptr, loaded) : tr("%n manifest(s)", nullptr, loaded);
    if (!model->isComplete())
        text = tr("%1 loaded").arg(text);
    const QString filter = m_filter->text().trimmed();
    if (!filter.isEmpty() && shown == 0 && loaded > 0 && model->isComplete())
        text = tags ? tr("No tags match “%1” — %n tag(s) in all", nullptr, loaded).arg(filter)
                    : tr("No manifests match “%1” — %n manifest(s) in all", nullptr, loaded)
                          .arg(filter);
    else if (!filter.isEmpty())
        text = tr("%1 of %2 shown").arg(shown).arg(text);
    m_count->setText(text);
}

QByteArray RepositoryPane::saveState() const
{
    QByteArray state;
    QDataStream out(&state, QIODevice::WriteOnly);
    out << StateVersion << m_splitter->saveState() << m_tagView->horizontalHeader()->saveState()
        << m_manifestView->horizontalHeader()->saveState();
    return state;
}

bool RepositoryPane::restoreState(const QByteArray &state)
{
    QDataStream in(state);
    quint32 version = 0;
    QByteArray splitter, tagHeader, manifestHeader;
    in >> version >> splitter >> tagHeader >> manifestHeader;
    if (in.status() != QDataStream::Ok || version != StateVersion)
        return false;
    m_splitter->restoreState(splitter);
    // Sorting is not restored: the tables start in the registry's order.
    QHeaderView *tagHeaderView = m_tagView->horizontalHeader();
    QHeaderView *manifestHeaderView = m_manifestView->horizontalHeader();
    tagHeaderView->restoreState(tagHeader);
    manifestHeaderView->restoreState(manifestHeader);
    tagHeaderView->setSortIndicator(-1, Qt::AscendingOrder);
    manifestHeaderView->setSortIndicator(-1, Qt::AscendingOrder);
    m_tagModel->setOrderBy(OrderBy::None);
    m_manifestModel->setOrderBy(OrderBy::None);
    return true;
}

} // namespace Berth
