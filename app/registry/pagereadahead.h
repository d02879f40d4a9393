#pragma once

#include <QList>
#include <QPair>
#include <QUrl>

#include <functional>
#include <memory>
#include <optional>

namespace Berth {

// Where one page of a listing stands on its way: whether its answer is in (and the next link
// it gave), and whether the page after it is to be asked ahead, with what size. The page
// after it is asked once, as soon as both are known: the answer (its headers: before it is
// parsed) and the wish (ListOptions::readAhead, from the listing
// that asked for this page or took it over).
class PageFlight
{
public:
    // `askAhead` asks the page and returns the URL it is kept under.
    explicit PageFlight(std::function<QUrl(const QUrl &next, int pageSize)> askAhead)
        : m_askAhead(std::move(askAhead))
    {}

    // The listing will ask for the page after this one, of `pageSize` items (0: it will not).
    void wantAhead(int pageSize);
    // This page's answer is in; `next` is its next link (empty: none, or one not to follow).
    void answered(const QUrl &next);
    // The URL of the page asked ahead (empty: none was). When this page turns out empty the
    // listing ends there, and that page is dropped.
    QUrl askedAhead() const { return m_askedUrl; }

private:
    void askIfReady();

    std::function<QUrl(const QUrl &, int)> m_askAhead;
    QUrl m_askedUrl;
    int m_aheadSize = 0;
    std::optional<QUrl> m_next;
    bool m_asked = false;
};

// The pages a RegistryClient asked ahead of its listings, each kept under its URL until the
// listing asks for exactly that URL and takes it over (once). At most MaxKept wait: keeping
// another drops the oldest (aborting it if it still runs). Only a page that was taken over can
// ask ahead again, so a registry whose links go round in circles gets at most one request more
// than the listing itself makes, and a listing that stops (a reload, another repository)
// leaves at most MaxKept pages behind.
class PageReadAhead
{
public:
    static constexpr int MaxKept = 4;

    struct Entry
    {
        virtual ~Entry() = default;
        virtual void drop() = 0; // no listing will take it: stop it
    };

    void keep(const QUrl &url, std::shared_ptr<Entry> entry);
    // The entry kept under `url`, removed; nullptr when there is none.
    std::shared_ptr<Entry> take(const QUrl &url);
    int size() const { return int(m_kept.size()); }

private:
    QList<QPair<QUrl, std::shared_ptr<Entry>>> m_kept; // oldest first
};

} // namespace Berth
