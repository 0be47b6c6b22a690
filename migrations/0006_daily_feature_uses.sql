-- Uses of free, capped features per user and UTC day (text enhancement): claimed atomically
-- against the cap before the work, given back if the work fails.
CREATE TABLE daily_feature_uses (
  user_id TEXT NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
  feature TEXT NOT NULL,
  day TEXT NOT NULL,
  uses INTEGER NOT NULL DEFAULT 0 CHECK (uses >= 0),
  PRIMARY KEY (user_id, feature, day)
);
