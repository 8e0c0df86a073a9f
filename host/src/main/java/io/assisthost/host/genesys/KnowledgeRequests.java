package io.assisthost.host.genesys;

import com.mypurecloud.sdk.v2.model.KnowledgeConversationContext;
import com.mypurecloud.sdk.v2.model.KnowledgeDocumentSearchRequest;
import io.assisthost.api.InteractionContext;

/** Builds Genesys knowledge search requests from an interaction. */
public final class KnowledgeRequests {

    private KnowledgeRequests() {
    }

    /**
     * A search for the interaction's query: ranked by confidence, published documents only, with the
     * conversation as its context so that Genesys can attribute the search.
     */
    public static KnowledgeDocumentSearchRequest search(String query, InteractionContext context, int pageSize,
                                                        KnowledgeDocumentSearchRequest.QueryTypeEnum queryType) {
        KnowledgeConversationContext conversation = new KnowledgeConversationContext()
                .conversationId(context.conversationId())
                .queueId(context.queueId());
        KnowledgeConversationContext.MediaTypeEnum mediaType = mediaType(context.mediaType());
        if (mediaType != null) {
            conversation.mediaType(mediaType);
        }
        return new KnowledgeDocumentSearchRequest()
                .query(query)
                .pageSize(pageSize)
                .pageNumber(1)
                .queryType(queryType)
                .includeDraftDocuments(false)
                .sortBy(KnowledgeDocumentSearchRequest.SortByEnum.CONFIDENCESCORE)
                .sortOrder(KnowledgeDocumentSearchRequest.SortOrderEnum.DESC)
                .conversationContext(conversation);
    }

    static KnowledgeConversationContext.MediaTypeEnum mediaType(String mediaType) {
        if (mediaType == null || mediaType.isBlank()) {
            return null;
        }
        for (KnowledgeConversationContext.MediaTypeEnum value : KnowledgeConversationContext.MediaTypeEnum.values()) {
            if (value.toString().equalsIgnoreCase(mediaType)) {
                return value;
            }
        }
        return KnowledgeConversationContext.MediaTypeEnum.UNKNOWN;
    }
}
