#include "models/pagedloader.h"

#include "models/pagedtablemodel.h"

#include <QTimer>

namespace Berth {

PagedLoader::PagedLoader(PagedTableModel *model, QObject *parent)
    : QObject(parent)
    , m_model(model)
{}

void PagedLoader::start()
{
    if (m_model) {
        connect(m_model, &PagedTableModel::pageLoaded, this, &PagedLoader::next);
        connect(m_model, &PagedTableModel::loadFailed, this, [this] { finish(Outcome::Failed); });
        connect(m_model, &QAbstractItemModel::modelAboutToBeReset, this,
                [this] { finish(Outcome::Cancelled); });
    }
    QTimer::singleShot(0, this, &PagedLoader::next); // never finishes inside start()
}

void PagedLoader::cancel()
{
    finish(Outcome::Cancelled);
}

void PagedLoader::next()
{
    if (m_finished)
        return;
    if (!m_model) {
        finish(Outcome::Cancelled);
        return;
    }
    Q_EMIT progress(m_model->rowCount());
    if (m_model->canFetchMore({}))
        m_model->fetchMore({});
    else if (m_model->hasError())
        finish(Outcome::Failed);
    else if (m_model->isComplete() && !m_model->isLoading())
        finish(Outcome::Complete);
    // else: a page is on its way (asked by a view or the filter); pageLoaded comes back here
}

void PagedLoader::finish(Outcome outcome)
{
    if (m_finished)
        return;
    m_finished = true;
    if (m_model)
        disconnect(m_model, nullptr, this, nullptr);
    Q_EMIT finished(outcome);
}

} // namespace Berth
