#include "ui/repositorysearch.h"

#include "models/repositorymodel.h"
#include "ui/icons.h"
#include "ui/registrytree.h"

#include <QLabel>
#include <QLineEdit>
#include <QShortcut>
#include <QVBoxLayout>

namespace Berth {

RepositorySearch::RepositorySearch(RegistryTree *tree,
                                   RepositoryModel *repositories,
                                   QWidget *parent)
    : QWidget(parent)
    , m_tree(tree)
    , m_repositories(repositories)
    , m_edit(new QLineEdit(this))
    , m_count(new QLabel(this))
{
    m_edit->setObjectName(QStringLiteral("repositorySearch"));
    m_edit->setClearButtonEnabled(true);
    m_edit->setPlaceholderText(tr("Find repository (Ctrl+Shift+F)"));
    m_edit->setAccessibleName(tr("Find repository"));
    m_edit->setToolTip(tr("Shows the repositories whose path contains this text; the rest of "
                          "the catalog loads as needed"));
    m_edit->addAction(Icons::icon(QStringLiteral("find")), QLineEdit::LeadingPosition);
    auto *clear = new QShortcut(Qt::Key_Escape, m_edit);
    clear->setContext(Qt::WidgetShortcut);
    connect(clear, &QShortcut::activated, m_edit, &QLineEdit::clear);
    m_count->setObjectName(QStringLiteral("repositorySearchCount"));
    m_count->setTextFormat(Qt::PlainText);
    m_count->hide();

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_edit);
    layout->addWidget(m_count);
    layout->addWidget(m_tree, 1);

    m_applyTimer.setSingleShot(true);
    m_applyTimer.setInterval(0);
    connect(&m_applyTimer, &QTimer::timeout, this, &RepositorySearch::apply);
    connect(m_edit, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_text = text.trimmed();
        apply();
        keepLoading();
    });
    for (const auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(m_repositories, signal, this, [this] {
            if (isSearching())
                m_applyTimer.start();
        });
    connect(m_repositories, &QAbstractItemModel::modelReset, this, [this] { apply(); });
    connect(m_repositories, &RepositoryModel::loadingChanged, this, [this] {
        keepLoading();
        updateCount();
    });
}

void RepositorySearch::focusSearch()
{
    m_edit->setFocus(Qt::ShortcutFocusReason);
    m_edit->selectAll();
}

bool RepositorySearch::isSearching() const
{
    return !m_text.isEmpty();
}

void RepositorySearch::apply()
{
    m_applyTimer.stop();
    if (!isSearching() && !m_hidesRows) {
        updateCount();
        return;
    }
    m_total = 0;
    m_matches = filterRows({}, m_total);
    m_hidesRows = isSearching();
    updateCount();
}

int RepositorySearch::filterRows(const QModelIndex &parent, int &repositories)
{
    int matches = 0;
    const int rows = m_repositories->rowCount(parent);
    for (int row = 0; row < rows; ++row) {
        const QModelIndex index = m_repositories->index(row, 0, parent);
        const RepositoryModel::Kind kind = m_repositories->kind(index);
        int found = 0;
        if (kind == RepositoryModel::Kind::Repository) {
            ++repositories;
            found = m_repositories->repositoryPath(index).contains(m_text, Qt::CaseInsensitive);
        } else {
            found = filterRows(index, repositories);
        }
        // Registries stay: the search box has nothing to say about them.
        const bool hide = isSearching() && found == 0 && kind != RepositoryModel::Kind::Registry;
        if (m_tree->isRowHidden(row, parent) != hide)
            m_tree->setRowHidden(row, parent, hide);
        if (isSearching() && found > 0 && kind != RepositoryModel::Kind::Repository
            && !m_tree->isExpanded(index))
            m_tree->expand(index);
        matches += found;
    }
    return matches;
}

// While searching, each registry with more of its catalog to come loads its next page as
// soon as the last one is in.
void RepositorySearch::keepLoading()
{
    if (!isSearching())
        return;
    for (int row = 0; row < m_repositories->rowCount(); ++row) {
        const QModelIndex registry = m_repositories->index(row, 0);
        if (m_repositories->canFetchMore(registry))
            m_repositories->fetchMore(registry);
    }
}

bool RepositorySearch::isLoadingMore() const
{
    for (int row = 0; row < m_repositories->rowCount(); ++row) {
        const QModelIndex registry = m_repositories->index(row, 0);
        if (m_repositories->isLoading(registry) || m_repositories->canFetchMore(registry))
            return true;
    }
    return false;
}

void RepositorySearch::updateCount()
{
    m_count->setVisible(isSearching());
    if (!isSearching()) {
        m_count->clear();
        return;
    }
    m_count->setText(
        isLoadingMore()
            ? tr("%1 of %n repositories loaded so far, loading the rest…", nullptr, m_total)
                  .arg(m_matches)
            : tr("%1 of %n repositories", nullptr, m_total).arg(m_matches));
}

} // namespace Berth
