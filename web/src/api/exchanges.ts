// Team exchanges about a person (src/modules/exchanges).

export interface ThreadSummary {
  id: string;
  subject: string;
  createdBy: { id: string; name: string };
  createdAt: string;
  lastMessageAt: string;
  messageCount: number;
  unreadCount: number;
}

export interface Thread {
  id: string;
  personId: string;
  subject: string;
  createdBy: { id: string; name: string };
  createdAt: string;
  messages: {
    id: string;
    author: { id: string; name: string };
    body: string;
    createdAt: string;
    /** Who read it, its author aside, and when. */
    readBy: { staffMemberId: string; name: string; readAt: string }[];
  }[];
}

export const threadsKey = (personId: string) => ['threads', personId] as const;
export const threadKey = (threadId: string) => ['thread', threadId] as const;
