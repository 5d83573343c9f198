package dev.colossus.social;

import java.util.Set;

/**
 * Which notifications a list shows: Mastodon's {@code types[]} (empty means every type), {@code exclude_types[]},
 * and {@code account_id} (only those caused by that account; null for anyone's).
 */
public record NotificationFilter(Set<Notification.Type> types, Set<Notification.Type> excludeTypes, Long fromAccountId) {

    /** Every notification. */
    public static final NotificationFilter ALL = new NotificationFilter(Set.of(), Set.of(), null);

    public NotificationFilter {
        types = Set.copyOf(types);
        excludeTypes = Set.copyOf(excludeTypes);
    }

    /** The types this filter lets through. */
    public Set<Notification.Type> allowed() {
        Set<Notification.Type> out = java.util.EnumSet.allOf(Notification.Type.class);
        if (!types.isEmpty()) out.retainAll(types);
        out.removeAll(excludeTypes);
        return out;
    }
}
