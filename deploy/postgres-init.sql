-- Each service owns its databases; none reads another's tables.
CREATE DATABASE gamja_users;
CREATE DATABASE gamja_items;
CREATE DATABASE gamja_items_read;
CREATE DATABASE gamja_comments;
CREATE DATABASE gamja_chat;
CREATE DATABASE gamja_search;
