#pragma once

#include <QObject>
#include <QPointer>

namespace Berth {

class PagedTableModel;

// Loads every remaining page of a PagedTableModel, one after another through the model's
// own paging (fetchMore), until the model has them all, a page fails or cancel() is called.
// progress() after each page; exactly one finished(), never inside start(). A reset of
// the model (another repository, a reload) ends it as Cancelled: its rows are not the ones
// asked for. Cancel stops asking; a page already on its way still lands in the model.
class PagedLoader : public QObject
{
    Q_OBJECT
public:
    enum class Outcome { Complete, Failed, Cancelled };
    Q_ENUM(Outcome)

    explicit PagedLoader(PagedTableModel *model, QObject *parent = nullptr);

    void start();
    bool isFinished() const { return m_finished; }

public Q_SLOTS:
    void cancel();

Q_SIGNALS:
    void progress(int rows);
    void finished(Berth::PagedLoader::Outcome outcome);

private:
    void next();
    void finish(Outcome outcome);

    QPointer<PagedTableModel> m_model;
    bool m_finished = false;
};

} // namespace Berth
