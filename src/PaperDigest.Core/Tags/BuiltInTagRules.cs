namespace PaperDigest.Core.Tags;

/// <summary>
/// The rules PaperDigest starts with: arXiv categories, and words in the AI keywords or the title. The schema
/// migration and the tests' database reset run <see cref="SeedSql"/>; from then on curators manage the rules. Never
/// edit this text to change existing databases: write a migration.
/// </summary>
public static class BuiltInTagRules
{
    public const string SeedSql = """
        INSERT INTO tags (slug, name) VALUES
            ('language-models', 'Language models'),
            ('computer-vision', 'Computer vision'),
            ('machine-learning', 'Machine learning'),
            ('agents', 'Agents'),
            ('reinforcement-learning', 'Reinforcement learning'),
            ('diffusion-models', 'Diffusion models'),
            ('robotics', 'Robotics'),
            ('speech-and-audio', 'Speech and audio')
        ON CONFLICT (slug) DO NOTHING;
        INSERT INTO tag_rules (tag_id, kind, field, pattern, created_by, created_at)
        SELECT t.id, r.kind, r.field, r.pattern, 'built-in', now()
        FROM (VALUES
            ('language-models', 'Category', NULL, 'cs.CL'),
            ('language-models', 'AiKeyword', NULL, 'language model'),
            ('language-models', 'Keyword', 'Title', 'language model'),
            ('language-models', 'AiKeyword', NULL, 'language models'),
            ('language-models', 'Keyword', 'Title', 'language models'),
            ('language-models', 'AiKeyword', NULL, 'LLM'),
            ('language-models', 'Keyword', 'Title', 'LLM'),
            ('language-models', 'AiKeyword', NULL, 'LLMs'),
            ('language-models', 'Keyword', 'Title', 'LLMs'),
            ('computer-vision', 'Category', NULL, 'cs.CV'),
            ('computer-vision', 'AiKeyword', NULL, 'image'),
            ('computer-vision', 'Keyword', 'Title', 'image'),
            ('computer-vision', 'AiKeyword', NULL, 'images'),
            ('computer-vision', 'Keyword', 'Title', 'images'),
            ('computer-vision', 'AiKeyword', NULL, 'video'),
            ('computer-vision', 'Keyword', 'Title', 'video'),
            ('computer-vision', 'AiKeyword', NULL, 'vision'),
            ('computer-vision', 'Keyword', 'Title', 'vision'),
            ('computer-vision', 'AiKeyword', NULL, 'visual'),
            ('computer-vision', 'Keyword', 'Title', 'visual'),
            ('machine-learning', 'Category', NULL, 'cs.LG'),
            ('machine-learning', 'Category', NULL, 'stat.ML'),
            ('agents', 'Category', NULL, 'cs.MA'),
            ('agents', 'AiKeyword', NULL, 'agent'),
            ('agents', 'Keyword', 'Title', 'agent'),
            ('agents', 'AiKeyword', NULL, 'agents'),
            ('agents', 'Keyword', 'Title', 'agents'),
            ('agents', 'AiKeyword', NULL, 'agentic'),
            ('agents', 'Keyword', 'Title', 'agentic'),
            ('reinforcement-learning', 'AiKeyword', NULL, 'reinforcement learning'),
            ('reinforcement-learning', 'Keyword', 'Title', 'reinforcement learning'),
            ('reinforcement-learning', 'AiKeyword', NULL, 'RL'),
            ('reinforcement-learning', 'Keyword', 'Title', 'RL'),
            ('reinforcement-learning', 'AiKeyword', NULL, 'RLHF'),
            ('reinforcement-learning', 'Keyword', 'Title', 'RLHF'),
            ('diffusion-models', 'AiKeyword', NULL, 'diffusion'),
            ('diffusion-models', 'Keyword', 'Title', 'diffusion'),
            ('robotics', 'Category', NULL, 'cs.RO'),
            ('robotics', 'AiKeyword', NULL, 'robot'),
            ('robotics', 'Keyword', 'Title', 'robot'),
            ('robotics', 'AiKeyword', NULL, 'robots'),
            ('robotics', 'Keyword', 'Title', 'robots'),
            ('robotics', 'AiKeyword', NULL, 'robotic'),
            ('robotics', 'Keyword', 'Title', 'robotic'),
            ('robotics', 'AiKeyword', NULL, 'embodied'),
            ('robotics', 'Keyword', 'Title', 'embodied'),
            ('speech-and-audio', 'Category', NULL, 'cs.SD'),
            ('speech-and-audio', 'Category', NULL, 'eess.AS'),
            ('speech-and-audio', 'AiKeyword', NULL, 'speech'),
            ('speech-and-audio', 'Keyword', 'Title', 'speech'),
            ('speech-and-audio', 'AiKeyword', NULL, 'audio'),
            ('speech-and-audio', 'Keyword', 'Title', 'audio')
        ) AS r(slug, kind, field, pattern)
        JOIN tags t ON t.slug = r.slug;
        """;
}
