import { Agent } from './Agent.js';
import { AgentBenchmark } from './AgentBenchmark.js';
import { AgentBenchmarkRun } from './AgentBenchmarkRun.js';
import { AgentExperiment } from './AgentExperiment.js';
import { AgentMemory } from './AgentMemory.js';
import { AgentTest } from './AgentTest.js';
import { AgentTestRun } from './AgentTestRun.js';
import { ApprovalRequest } from './ApprovalRequest.js';
import { Artifact } from './Artifact.js';
import { ArtifactDependency } from './ArtifactDependency.js';
import { ChatMessage } from './ChatMessage.js';
import { ChatSession } from './ChatSession.js';
import { Checkpoint } from './Checkpoint.js';
import { EvolutionHistory } from './EvolutionHistory.js';
import { ExecutionTrace } from './ExecutionTrace.js';
import { ExperimentResult } from './ExperimentResult.js';
import { Feedback } from './Feedback.js';
import { LearningPattern } from './LearningPattern.js';
import { MemoryAssociation } from './MemoryAssociation.js';
import { MemoryEntry } from './MemoryEntry.js';
import { OllamaModel } from './OllamaModel.js';
import { OllamaServer } from './OllamaServer.js';
import { Plan } from './Plan.js';
import { Prompt } from './Prompt.js';
import { QueueTask } from './QueueTask.js';
import { RequestConsequence } from './RequestConsequence.js';
import { RequestLog } from './RequestLog.js';
import { Session } from './Session.js';
import { Task } from './Task.js';
import { TaskQueue } from './TaskQueue.js';
import { Tool } from './Tool.js';
import { User } from './User.js';
import { WorkflowEvent } from './WorkflowEvent.js';

export {
  Agent,
  AgentBenchmark,
  AgentBenchmarkRun,
  AgentExperiment,
  AgentMemory,
  AgentTest,
  AgentTestRun,
  ApprovalRequest,
  Artifact,
  ArtifactDependency,
  ChatMessage,
  ChatSession,
  Checkpoint,
  EvolutionHistory,
  ExecutionTrace,
  ExperimentResult,
  Feedback,
  LearningPattern,
  MemoryAssociation,
  MemoryEntry,
  OllamaModel,
  OllamaServer,
  Plan,
  Prompt,
  QueueTask,
  RequestConsequence,
  RequestLog,
  Session,
  Task,
  TaskQueue,
  Tool,
  User,
  WorkflowEvent,
};

/** All 33 entities of the sample application, in migration (creation) order. */
export const entities = [
  // 001_initial_tables
  Task,
  Artifact,
  ArtifactDependency,
  // 002_ollama_servers_models
  OllamaServer,
  OllamaModel,
  // 003_evolution_system
  Plan,
  ApprovalRequest,
  EvolutionHistory,
  Feedback,
  Prompt,
  // 005_add_execution_traces
  ExecutionTrace,
  // 006_add_request_logs
  RequestLog,
  RequestConsequence,
  // 007_add_task_queues
  TaskQueue,
  QueueTask,
  // 008_add_checkpoints
  Checkpoint,
  // 009_add_agents
  Agent,
  // 010_add_tools
  Tool,
  // 012_add_agent_experiments
  AgentExperiment,
  ExperimentResult,
  // 013_add_agent_gym
  AgentTest,
  AgentTestRun,
  AgentBenchmark,
  AgentBenchmarkRun,
  // 014_add_agent_memory
  AgentMemory,
  MemoryEntry,
  MemoryAssociation,
  // 015_add_authentication
  User,
  Session,
  // 016_add_learning_patterns
  LearningPattern,
  // 019_add_chat_sessions
  ChatSession,
  ChatMessage,
  // 020_add_workflow_events
  WorkflowEvent,
];
