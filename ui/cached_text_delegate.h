#pragma once
// A table cell painter for live tables: the same look as QStyledItemDelegate (the style's background, selection and
// focus frame, the model's font, colour and alignment), but the text is drawn from a cache of laid-out text.
// QStyledItemDelegate shapes a cell's text three times per paint (size, elision, drawing); a table refreshed four
// times a second spends most of its paint time there, while the same few hundred strings ("99.1%", "Healthy")
// come back again and again. Cells with an icon or a check box are left to QStyledItemDelegate.

#include <QFont>
#include <QHash>
#include <QStaticText>
#include <QStyledItemDelegate>

namespace payops {

class CachedTextDelegate : public QStyledItemDelegate {
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    void paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override;

protected:
    // Background, alternating row colour, selection and focus frame, as the style draws them.
    static void paintPanel(QPainter* painter, const QStyleOptionViewItem& option);
    // The option's text inside `rect`, aligned and elided as the option says, in the option's font and colour.
    void paintText(QPainter* painter, const QStyleOptionViewItem& option, const QRect& rect) const;

private:
    const QStaticText& laidOut(const QString& text, const QFont& font) const;

    static constexpr qsizetype kMaxCached = 4096; // distinct strings; a table of figures stays far below this
    // Per font, so rows in bold and rows in the normal font do not evict each other; a theme, zoom or language
    // change brings new fonts and the old entries are dropped with the rest when the cache is full.
    mutable QHash<QFont, QHash<QString, QStaticText>> m_cache;
    mutable qsizetype m_cached = 0;
};

} // namespace payops
