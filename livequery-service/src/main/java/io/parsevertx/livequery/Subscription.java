package io.parsevertx.livequery;

import io.parsevertx.common.query.QueryNode;
import java.util.List;

/**
 * One {@code subscribe} of one client: the query it matches changes against and what it sees.
 *
 * @param requestId the client's id for it
 * @param sessionToken the subscription's own session token, else the connection's, or null
 * @param keys the fields delivered ({@code keys}/{@code fields}), or null for all
 * @param watch the fields whose change makes an {@code update} event, or null for any
 */
record Subscription(LiveQueryClient client, int requestId, String className, QueryNode where,
    String sessionToken, List<String> keys, List<String> watch) {}
